import Foundation
import Testing

/// Every environment variable the binary reads is documented: each variable name written in the
/// sources (`BROGUE_*`, and the seed's `NATS_URL`, `POSTGRES_URL[_FILE]`, `INSTANCE_ID`,
/// `LOG_LEVEL`, `LOG_FORMAT`) appears in docs/ or the README as `NAME`, `$NAME` or `NAME=`.
/// With the deployment tests (every variable a manifest, compose file or unit sets is one the
/// node documents), what an operator sets and what the binary reads cannot drift apart.
@Suite struct SettingsDocumentedTests {
    static func texts(under folder: String, ending suffix: String) throws -> [(path: String, text: String)] {
        let root = BrogueProcess.repoRoot.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return try walk.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }.map {
            ($0.path, try String(contentsOf: $0, encoding: .utf8))
        }
    }

    @Test func everyVariableTheSourcesReadIsDocumented() throws {
        let pattern = try Regex(#""(BROGUE_[A-Z0-9_]+|NATS_URL|POSTGRES_URL|POSTGRES_URL_FILE|INSTANCE_ID|LOG_LEVEL|LOG_FORMAT)""#)
        var read: [String: String] = [:]
        for (path, text) in try Self.texts(under: "Sources", ending: ".swift") {
            for match in text.matches(of: pattern) {
                read[String(text[match.range].dropFirst().dropLast()), default: path] = path
            }
        }
        #expect(read.count >= 20, "the scan found only \(read.keys.sorted())")
        let docs = try
            (Self.texts(under: "docs", ending: ".md").map(\.text) + [
                String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
            ]).joined()
        for (name, path) in read.sorted(by: { $0.key < $1.key }) {
            #expect(
                docs.contains("`\(name)`") || docs.contains("$\(name)") || docs.contains("\(name)="),
                "\(name), read in \(path.split(separator: "/").suffix(3).joined(separator: "/")), is in no doc"
            )
        }
    }
}
