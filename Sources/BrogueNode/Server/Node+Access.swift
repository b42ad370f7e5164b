import BrogueStore
import Hummingbird
import Logging

extension Node {
    /// Refuses a browser's upgrade from a page on another site with 403 (before the upgrade):
    /// its `Origin` must name this node's host and port, or be in `allowed_origins`.
    func checkOrigin(_ request: Request) throws {
        let host = request.head.authority
        // Every `Origin` line must pass, so a second one cannot hide a browser's.
        let origins = request.headers[values: .origin]
        if let origin = origins.first(where: { !OriginCheck.allows(origin: $0, host: host, allowed: config.access.allowedOrigins) }) {
            logger.info("websocket refused: origin", metadata: ["origin": "\(origin)"])
            throw HTTPError(.forbidden, message: "origin \(origin) may not open a WebSocket here; the node allows its own host and allowed_origins\n")
        }
    }

    /// The games this node hosted that are not over: each can be resumed with its id and token,
    /// after a restart as before it.
    public func unfinishedGames() throws -> [Int64] {
        try store.gamesWithTokens().filter { id in
            guard let record = try store.game(id: id) else { return false }
            return record.status == .playing
        }
    }
}
