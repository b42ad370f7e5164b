import GRDB

/// A row of the `score` table: at most one per game, written when the game is finished.
struct ScoreRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "score"

    var id: Int64?
    var gameID: Int64
    var contentHash: String
    var score: Int
    var depth: Int
    var turns: Int
    var outcome: String
    var cause: String?
    var playerName: String?
    var recordedAt: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, score, depth, turns, outcome, cause
        case gameID = "game_id"
        case contentHash = "content_hash"
        case playerName = "player_name"
        case recordedAt = "recorded_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The row as the API shows it.
    func record() throws(StoreError) -> ScoreRecord {
        guard let content = StoreText.parseHash(contentHash), let outcomeValue = GameStatus(rawValue: outcome),
            let recorded = StoreText.parseTimestamp(recordedAt)
        else {
            throw .damagedGame(id: gameID, detail: "its score row \(id ?? 0) does not read back")
        }
        return ScoreRecord(
            id: id ?? 0,
            gameID: gameID,
            contentHash: content,
            points: score,
            depth: depth,
            turns: turns,
            outcome: outcomeValue,
            cause: cause,
            playerName: playerName,
            recordedAt: recorded
        )
    }
}
