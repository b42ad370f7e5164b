/// A message that could not be accepted: its stable code and a sentence saying what to do.
public struct ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: ErrorCode
    /// Where and what, for people.
    public var message: String

    /// Creates an error.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
