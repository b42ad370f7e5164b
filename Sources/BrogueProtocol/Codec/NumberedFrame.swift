/// One frame written once for many receivers that each number it their own way (the spectators
/// of a game: each counts its frames from its first): `text(seq:)` is what
/// `WireCodec.encode(ServerEnvelope(.frame(update)))` writes for `update` with that `seq`, made by
/// putting the number between the two halves written once.
///
/// Each frame a player gets goes to every spectator of the game; written once for each, twenty
/// spectators made the player's own round trip five times slower.
public struct NumberedFrame: Sendable {
    /// `{"type":"frame","seq":`: `seq` is the first field after the type (`WireWriter.frameFields`).
    private static let head = Array(#"{"type":"frame","seq":"#.utf8)
    /// Everything after the number.
    private let tail: [UInt8]

    public init(_ update: FrameUpdate) {
        var update = update
        update.seq = 0
        let bytes = Array(WireCodec.encode(ServerEnvelope(.frame(update))).utf8)
        precondition(bytes.starts(with: Self.head) && bytes.count > Self.head.count && bytes[Self.head.count] == UInt8(ascii: "0"))
        tail = Array(bytes[(Self.head.count + 1)...])
    }

    /// The frame's text numbered `seq`.
    public func text(seq: Int) -> String {
        var writer = WireWriter(capacity: Self.head.count + 20 + tail.count)
        writer.append(Self.head)
        writer.int(seq)
        writer.append(tail)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
