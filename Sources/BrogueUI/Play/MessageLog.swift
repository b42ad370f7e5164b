public import BrogueCore

/// The messages a player has been shown, newest last, with the turn each arrived on.
public struct MessageLog: Sendable {
    public struct Entry: Hashable, Sendable {
        public var text: String
        public var kind: MessageKind
        public var turn: Int
        /// How many times in a row it was said ("You hit the rat. x3").
        public var count: Int
    }

    public private(set) var entries: [Entry] = []
    public let capacity: Int

    public init(capacity: Int = 500) { self.capacity = capacity }

    public mutating func add(_ text: String, _ kind: MessageKind, turn: Int) {
        if let last = entries.last, last.text == text, last.turn >= turn - 1 {
            entries[entries.count - 1].count += 1
            entries[entries.count - 1].turn = turn
            return
        }
        entries.append(Entry(text: text, kind: kind, turn: turn, count: 1))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
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
