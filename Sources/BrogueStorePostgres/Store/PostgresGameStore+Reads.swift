public import BrogueStore
import Foundation
import PostgresNIO

extension PostgresGameStore {
    public func game(id: Int64) throws(StoreError) -> GameRecord? {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT \(unescaped: GameColumns.list) FROM game WHERE id = \(id)").first.map(GameColumns.record)
        }
    }

    public func actions(gameID: Int64) throws(StoreError) -> [String] {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT action FROM action WHERE game_id = \(gameID) ORDER BY seq").map { try $0.decode(String.self) }
        }
    }

    /// Also checks that the log is gap-free (seq 0, 1, 2, ...) and as long as the summary says.
    public func loadGame(id: Int64) throws(StoreError) -> StoredGame? {
        try transaction(.read) { transaction in
            guard let row = try transaction.query("SELECT \(unescaped: GameColumns.list) FROM game WHERE id = \(id)").first else { return nil }
            let record = try GameColumns.record(row)
            var actions: [String] = []
            actions.reserveCapacity(record.actionCount)
            for r in try transaction.query("SELECT seq, action FROM action WHERE game_id = \(id) ORDER BY seq") {
                let (seq, action) = try r.decode((Int, String).self, context: .default)
                guard seq == actions.count else {
                    throw StoreError.damagedGame(id: id, detail: "its action log jumps from seq \(actions.count - 1) to \(seq)")
                }
                actions.append(action)
            }
            guard actions.count == record.actionCount else {
                throw StoreError.damagedGame(id: id, detail: "its summary counts \(record.actionCount) actions but \(actions.count) are stored")
            }
            return StoredGame(record: record, actions: actions)
        }
    }

    public func listGames(limit: Int) throws(StoreError) -> [GameRecord] {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT \(unescaped: GameColumns.list) FROM game ORDER BY id DESC LIMIT \(max(0, limit))")
                .map(GameColumns.record)
        }
    }

    public func unfinishedGames() throws(StoreError) -> [GameRecord] {
        try transaction(.statement) { transaction in
            try transaction.query(
                "SELECT \(unescaped: GameColumns.list) FROM game WHERE status = \(GameStatus.playing.rawValue) ORDER BY id DESC"
            ).map(GameColumns.record)
        }
    }

    public func highScores(contentHash: UInt64, limit: Int) throws(StoreError) -> [ScoreRecord] {
        try transaction(.statement) { transaction in
            let rows = try transaction.query(
                """
                SELECT id, game_id, content_hash, score, depth, turns, outcome, cause, player_name, recorded_at FROM score
                WHERE content_hash = \(StoreText.hash(contentHash)) ORDER BY score DESC, recorded_at, id LIMIT \(max(0, limit))
                """
            )
            return try rows.map { row in
                let (id, gameID, hash, points, depth, turns, outcome, cause, player, recorded) = try row.decode(
                    (Int64, Int64, String, Int, Int, Int, String, String?, String?, Date).self,
                    context: .default
                )
                guard let content = StoreText.parseHash(hash), let outcomeValue = GameStatus(rawValue: outcome) else {
                    throw StoreError.damagedGame(id: gameID, detail: "its score row \(id) does not read back")
                }
                return ScoreRecord(
                    id: id,
                    gameID: gameID,
                    contentHash: content,
                    points: points,
                    depth: depth,
                    turns: turns,
                    outcome: outcomeValue,
                    cause: cause,
                    playerName: player,
                    recordedAt: GameColumns.milliseconds(recorded)
                )
            }
        }
    }
}
