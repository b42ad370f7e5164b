/// Why the terminal could not be set up, read or written.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither file descriptor is a terminal, so raw mode is impossible.
    case notATerminal(input: Int32, output: Int32)
    /// Another ``Terminal`` is entered; signal handling is process-wide, so only one may be.
    case anotherTerminalIsActive
    /// A system call failed.
    case systemCall(String, errno: Int32)
    /// The input reached its end or the terminal hung up.
    case inputClosed

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .notATerminal(let input, let output):
            "neither file descriptor \(input) nor \(output) is a terminal: run brogue in a terminal, not with its input or output redirected"
        case .anotherTerminalIsActive:
            "another Terminal is already entered: restore it before entering a second one"
        case .systemCall(let call, let code):
            "\(call) failed with errno \(code)"
        case .inputClosed:
            "the terminal's input closed (hung up or end of file)"
        }
    }
}
