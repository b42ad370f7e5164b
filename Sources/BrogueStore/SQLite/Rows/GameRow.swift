import Foundation
import GRDB

/// A row of the `game` table. Values that SQLite cannot hold as they are (the unsigned seed,
/// hashes, the content set) are kept as text; `StoreText` owns their spelling.
struct GameRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "game"

    var id: Int64?
    var seed: String
    var contentHash: String
    var contentSet: String
    var status: String
    var depth: Int
    var deepest: Int
    var turns: Int
    var gold: Int
    var stateHash: String
    var cause: String?
    var startedAt: String
    var updatedAt: String
    var actionCount: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, seed, status, depth, deepest, turns, gold, cause
        case contentHash = "content_hash"
        case contentSet = "content_set"
        case stateHash = "state_hash"
        case startedAt = "started_at"
        case updatedAt = "updated_at"
        case actionCount = "action_count"
    }

    init(_ record: GameRecord) {
        id = nil
        seed = StoreText.seed(record.seed)
        contentHash = StoreText.hash(record.contentHash)
        contentSet = StoreText.contentSet(record.contentSet)
        status = record.status.rawValue
        depth = record.summary.depth
        deepest = record.summary.deepest
        turns = record.summary.turns
        gold = record.summary.gold
        stateHash = StoreText.hash(record.summary.stateHash)
        cause = record.cause
        startedAt = StoreText.timestamp(record.startedAt)
        updatedAt = StoreText.timestamp(record.updatedAt)
        actionCount = record.actionCount
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    mutating func apply(_ summary: GameSummary) {
        depth = summary.depth
        deepest = summary.deepest
        turns = summary.turns
        gold = summary.gold
        stateHash = StoreText.hash(summary.stateHash)
    }

    /// The row as the API shows it.
    ///
    /// - Throws: `StoreError.damagedGame` naming the first column that does not read back.
    func record() throws(StoreError) -> GameRecord {
        let id = self.id ?? 0
        func damaged(_ detail: String) -> StoreError { .damagedGame(id: id, detail: detail) }
        guard let seedValue = StoreText.parseSeed(seed) else { throw damaged("seed '\(seed.prefix(40))' is not a decimal UInt64") }
        guard let content = StoreText.parseHash(contentHash) else { throw damaged("content_hash '\(contentHash.prefix(40))' is not 16 hex digits") }
        guard let state = StoreText.parseHash(stateHash) else { throw damaged("state_hash '\(stateHash.prefix(40))' is not 16 hex digits") }
        guard let refs = StoreText.parseContentSet(contentSet) else { throw damaged("content_set is not a JSON list of {id, version}") }
        guard let statusValue = GameStatus(rawValue: status) else { throw damaged("status '\(status.prefix(40))' is unknown") }
        guard let started = StoreText.parseTimestamp(startedAt) else { throw damaged("started_at '\(startedAt.prefix(40))' is not ISO-8601") }
        guard let updated = StoreText.parseTimestamp(updatedAt) else { throw damaged("updated_at '\(updatedAt.prefix(40))' is not ISO-8601") }
        return GameRecord(
            id: id,
            seed: seedValue,
            contentHash: content,
            contentSet: refs,
            status: statusValue,
            summary: GameSummary(depth: depth, deepest: deepest, turns: turns, gold: gold, stateHash: state),
            cause: cause,
            startedAt: started,
            updatedAt: updated,
            actionCount: actionCount
        )
    }
}
