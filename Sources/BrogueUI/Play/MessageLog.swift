public import BrogueCore

/// The messages a player has been shown, newest last, with the turn each arrived on.
public struct MessageLog: Sendable {
    public struct Entry: Hashable, Sendable {
        public var text: String
        public var kind: MessageKind
        // 32-bit, so an entry is 32 bytes instead of 40: a log holds hundreds.
        private var turn32: Int32
        private var count32: Int32

        public var turn: Int {
            get { Int(turn32) }
            set { turn32 = Int32(clamping: newValue) }
        }

        /// How many times in a row it was said ("You hit the rat. x3").
        public var count: Int {
            get { Int(count32) }
            set { count32 = Int32(clamping: newValue) }
        }

        init(text: String, kind: MessageKind, turn: Int, count: Int) {
            self.text = text
            self.kind = kind
            turn32 = Int32(clamping: turn)
            count32 = Int32(clamping: count)
        }
    }

    public private(set) var entries: [Entry] = []
    public let capacity: Int

    public init(capacity: Int = 500) { self.capacity = capacity }

    /// Entries are added room for `growth` at a time, not by doubling: a log fills slowly over
    /// a game, and a doubled array would hold up to twice what it needs for most of it.
    static let growth = 64

    public mutating func add(_ text: String, _ kind: MessageKind, turn: Int) {
        if let last = entries.last, last.text == text, last.turn >= turn - 1 {
            entries[entries.count - 1].count += 1
            entries[entries.count - 1].turn = turn
            return
        }
        if entries.count == capacity {
            entries.removeFirst()
        } else if entries.count == entries.capacity {
            entries.reserveCapacity(min(capacity, entries.count + Self.growth))
        }
        entries.append(Entry(text: MessageTexts.shared.pooled(text), kind: kind, turn: turn, count: 1))
    }

    /// Records the messages among `events`, and refusals as warnings.
    public mutating func record(_ events: [GameEvent], turn: Int) {
        for e in events {
            switch e {
            case .message(let text, let kind): add(text, kind, turn: turn)
            case .refused(let why): add(why, .warning, turn: turn)
            default: break
            }
        }
    }
}
