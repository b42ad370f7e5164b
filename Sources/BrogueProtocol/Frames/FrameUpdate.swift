public import BrogueFrame

/// One screen update: a whole frame (`full`), or the cells that changed since the previous one.
///
/// Every connection gets a full frame first (after `game`), then diffs. A client keeps the
/// last frame it built and applies each diff to it; `seq` counts frames per connection from 1,
/// so a client that sees a gap knows it missed one (it never happens on one WebSocket).
///
/// ```swift
/// var screen: Frame?
/// try update.apply(to: &screen)   // then draw `screen`
/// ```
public struct FrameUpdate: Equatable, Sendable {
    /// One changed cell.
    public struct Change: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell

        public init(x: Int, y: Int, cell: Cell) {
            self.x = x
            self.y = y
            self.cell = cell
        }
    }

    /// The player's numbers, as the sidebar shows them, for clients that want text.
    public struct Status: Codable, Equatable, Sendable {
        public var depth: Int
        public var turn: Int
        public var hp: Int
        public var maxHP: Int

        public init(depth: Int, turn: Int, hp: Int, maxHP: Int) {
            self.depth = depth
            self.turn = turn
            self.hp = hp
            self.maxHP = maxHP
        }
    }

    /// 1 for the first frame of a connection, then one more each time.
    public var seq: Int
    public var width: Int
    public var height: Int
    /// Every cell, row by row, when this is a full frame; nil for a diff.
    public var cells: [Cell]?
    /// The changed cells of a diff; empty for a full frame.
    public var changes: [Change]
    /// The newest message lines, newest first, as the top of the screen shows them.
    public var messages: [String]
    /// The player's numbers.
    public var status: Status?

    /// Whether this is a whole frame.
    public var isFull: Bool { cells != nil }

    public init(seq: Int, width: Int, height: Int, cells: [Cell]?, changes: [Change], messages: [String], status: Status?) {
        self.seq = seq
        self.width = width
        self.height = height
        self.cells = cells
        self.changes = changes
        self.messages = messages
        self.status = status
    }

    /// The update that turns `old` into `new`: a full frame when there is no `old` or its size differs.
    public static func between(_ old: Frame?, _ new: Frame, seq: Int, messages: [String] = [], status: Status? = nil) -> FrameUpdate {
        guard let old, old.width == new.width, old.height == new.height else {
            return FrameUpdate(seq: seq, width: new.width, height: new.height, cells: new.cells, changes: [], messages: messages, status: status)
        }
        let changes = new.changedIndices(since: old).map { Change(x: $0 % new.width, y: $0 / new.width, cell: new.cells[$0]) }
        return FrameUpdate(seq: seq, width: new.width, height: new.height, cells: nil, changes: changes, messages: messages, status: status)
    }

    /// Applies this update to the client's copy of the screen.
    /// - Throws: `ProtocolError(.badField)` for a diff without a previous frame of the same
    ///   size, or a change outside the frame; `frame` is unchanged then.
    public func apply(to frame: inout Frame?) throws(ProtocolError) {
        if let cells {
            var f = Frame(width: width, height: height)
            for (i, cell) in cells.enumerated() { f[x: i % width, y: i / width] = cell }
            frame = f
            return
        }
        guard frame?.width == width, frame?.height == height else {
            throw ProtocolError(.badField, "frame \(seq) is a diff, but there is no \(width)x\(height) frame to apply it to")
        }
        if let outside = changes.first(where: { !(0..<width).contains($0.x) || !(0..<height).contains($0.y) }) {
            throw ProtocolError(.badField, "frame \(seq) changes cell (\(outside.x), \(outside.y)), outside the \(width)x\(height) frame")
        }
        // Every change fits: written in place, so the client's frame is not copied for each diff.
        for change in changes { frame![x: change.x, y: change.y] = change.cell }
    }
}
