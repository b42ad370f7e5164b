/// One live game in the answer to `list_games`.
public struct LiveGame: Codable, Equatable, Sendable {
    /// The game's id, for `spectate`.
    public var game: Int64
    /// The name of the player playing it.
    public var player: String
    public var depth: Int
    public var turn: Int
    /// How many connections watch it now.
    public var spectators: Int

    public init(game: Int64, player: String, depth: Int, turn: Int, spectators: Int) {
        self.game = game
        self.player = player
        self.depth = depth
        self.turn = turn
        self.spectators = spectators
    }
}

/// The answer to `spectate`: the game now watched. It never carries the resume token.
public struct Watching: Codable, Equatable, Sendable {
    public var game: Int64
    public var player: String
    public var turn: Int
    public var depth: Int
    /// `Game.stateHash` as 16 hex digits.
    public var stateHash: String

    public init(game: Int64, player: String, turn: Int, depth: Int, stateHash: String) {
        self.game = game
        self.player = player
        self.turn = turn
        self.depth = depth
        self.stateHash = stateHash
    }
}

/// Why watching a game stopped (`watch_ended`).
public enum WatchEndReason: String, Codable, Sendable, CaseIterable {
    /// The player closed the game or the connection.
    case playerLeft = "player_left"
    /// The game ended (death or victory).
    case gameOver = "game_over"
    /// The node is shutting down.
    case shutdown = "shutdown"
}
