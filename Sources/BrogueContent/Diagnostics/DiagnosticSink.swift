/// Where the problems of one file are collected, in the order they are found.
///
/// A file can hold thousands of mistakes (or be made to); past `cap` the sink only counts
/// them and adds one line saying how many were left out.
final class DiagnosticSink {
    let file: String
    private let cap: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var dropped = 0
    private(set) var errorCount = 0

    init(file: String, cap: Int) {
        self.file = file
        self.cap = cap
    }

    /// The hint is worked out only when the diagnostic is kept (a did-you-mean costs a search).
    func error(_ mark: Mark, _ message: String, entry: String? = nil, hint: @autoclosure () -> String? = nil) {
        errorCount += 1
        add(.error, mark, message, entry, hint)
    }

    func warning(_ mark: Mark, _ message: String, entry: String? = nil, hint: @autoclosure () -> String? = nil) {
        add(.warning, mark, message, entry, hint)
    }

    private func add(_ severity: Diagnostic.Severity, _ mark: Mark, _ message: String, _ entry: String?, _ hint: () -> String?) {
        guard diagnostics.count < cap else {
            dropped += 1
            return
        }
        diagnostics.append(
            Diagnostic(severity: severity, file: file, line: mark.line, column: mark.column, entry: entry, message: message, hint: hint())
        )
    }

    /// Everything collected, with a closing note when some problems were left out.
    func finish() -> [Diagnostic] {
        guard dropped > 0 else { return diagnostics }
        let last = diagnostics.last.map { Mark(line: $0.line, column: $0.column) } ?? .start
        return diagnostics + [
            Diagnostic(
                severity: .error,
                file: file,
                line: last.line,
                column: last.column,
                message: "\(dropped) more problems in this file not shown",
                hint: "fix the ones above first"
            )
        ]
    }
}
