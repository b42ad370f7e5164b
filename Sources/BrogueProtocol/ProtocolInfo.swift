/// The wire protocol's version and limits, shared by the node and every client.
///
/// The version is one integer; a client says which it speaks in `hello` and the node refuses
/// any other with `version_unsupported`. Fields and message types are only ever added within
/// a version when both sides ignore nothing they do not understand, so a new field or type
/// means a new version.
public enum ProtocolInfo {
    /// The protocol version this build speaks.
    public static let version = 1
    /// The largest text message a client may send, in bytes of UTF-8.
    public static let maxClientMessageBytes = 4_096
    /// The largest text message the node sends (a full frame is about 100 KiB).
    public static let maxServerMessageBytes = 1 << 20
    /// The largest string field (a player name, an action) a client may send, in characters.
    public static let maxFieldLength = 64
    /// The longest password a client may send, in bytes of UTF-8 (`register` needs at least 8).
    public static let maxPasswordBytes = 256
}
