import BrogueCore
import BrogueProtocol

/// A game as a connection plays it. `GameHost` is one hosted in this process; in a cluster's
/// gateway it is a game hosted by a game instance (docs/cluster.md), reached through the same calls.
protocol PlayedGame: AnyObject, Sendable {
    var id: Int64 { get }
    /// Starts a new viewer: the game's description and a full frame.
    func attach(resumed: Bool) async throws(ProtocolError) -> (info: GameInfo, frame: FrameUpdate)
    /// Applies one action, stored before it is acknowledged.
    func perform(_ action: Action) async throws(ProtocolError) -> (Ack, FrameUpdate)
    /// Handles a key as the terminal game does.
    func press(key: String) async throws(ProtocolError) -> (Ack, FrameUpdate)
    /// Records who plays it, for spectators.
    func setPlayer(_ name: String) async
    /// Whether the last action or key went out without an answer, so it may or may not be
    /// stored: the player must resume the game to learn which (docs/protocol.md, "Reconnecting").
    var outcomeUnknown: Bool { get async }
}

extension PlayedGame {
    /// A game in this process always answers.
    var outcomeUnknown: Bool { get async { false } }
}

/// A game as a spectator sees it.
protocol WatchedGame: AnyObject, Sendable {
    var id: Int64 { get }
    /// What `list_games` shows; nil once it is over or cannot be watched.
    func summary() async -> LiveGame?
    /// Starts `handle` watching; false when the game can no longer be watched.
    func watch(by handle: ConnectionHandle, ref: Int?) async -> Bool
    func unwatch(_ handle: ConnectionHandle) async
    func isWatched(by handle: ConnectionHandle) async -> Bool
}

/// Where connections find their games: who is connected, which games are played, starting and
/// resuming them. `GameRegistry` does it in this process.
protocol GameSeats: Sendable {
    /// Whether new connections and games are refused because the process is shutting down.
    var draining: Bool { get async }
    /// Counts a new connection; false while draining.
    func register(_ connection: ConnectionHandle) async -> Bool
    /// Forgets a closed connection and lets go of its game.
    func unregister(_ connection: ConnectionHandle, game: Int64?) async
    /// Starts and stores a new game for `connection`.
    func newGame(seed: UInt64?, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame
    /// Opens a stored game for `connection`, taking it over from another connection if needed.
    func resume(_ id: Int64, token: String, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame
    /// Lets go of a game if `connection` still plays it.
    func release(_ id: Int64, by connection: ConnectionHandle) async
    /// The games with a player connected now, by id.
    func liveGames() async -> [any WatchedGame]
    /// The game `id` if a player plays it now.
    func liveGame(_ id: Int64) async -> (any WatchedGame)?
    /// Stops starting games, says bye to every connection, returns once they have all closed.
    func drain() async
}

extension GameHost: PlayedGame, WatchedGame {}

extension GameRegistry: GameSeats {
    func newGame(seed: UInt64?, for connection: ConnectionHandle) throws(ProtocolError) -> any PlayedGame {
        try startGame(seed: seed, for: connection)
    }

    func resume(_ id: Int64, token: String, for connection: ConnectionHandle) throws(ProtocolError) -> any PlayedGame {
        try resumeGame(id, token: token, for: connection)
    }

    func liveGames() -> [any WatchedGame] { liveHosts() }

    func liveGame(_ id: Int64) -> (any WatchedGame)? { liveHost(id) }
}
