import BrogueStore
import Foundation
import PostgresNIO

/// The `game` table's columns as the store selects them, and the row read back as a record.
enum GameColumns {
    static let list = """
        id, seed, content_hash, content_set, status, depth, deepest, turns, gold, state_hash, cause, \
        started_at, updated_at, action_count
        """

    /// - Throws: `StoreError.damagedGame` naming the first column that does not read back.
    static func record(_ row: PostgresRow) throws -> GameRecord {
        let (id, seed, contentHash, contentSet, status, depth, deepest, turns, gold, stateHash, cause, started, updated, count) =
            try row.decode(
                (Int64, String, String, String, String, Int, Int, Int, Int, String, String?, Date, Date, Int).self,
                context: .default
            )
        func damaged(_ detail: String) -> StoreError { .damagedGame(id: id, detail: detail) }
        guard let seedValue = StoreText.parseSeed(seed) else { throw damaged("seed '\(seed.prefix(40))' is not a decimal UInt64") }
        guard let content = StoreText.parseHash(contentHash) else { throw damaged("content_hash '\(contentHash.prefix(40))' is not 16 hex digits") }
        guard let state = StoreText.parseHash(stateHash) else { throw damaged("state_hash '\(stateHash.prefix(40))' is not 16 hex digits") }
        guard let refs = StoreText.parseContentSet(contentSet) else { throw damaged("content_set is not a JSON list of {id, version}") }
        guard let statusValue = GameStatus(rawValue: status) else { throw damaged("status '\(status.prefix(40))' is unknown") }
        return GameRecord(
            id: id,
            seed: seedValue,
            contentHash: content,
            contentSet: refs,
            status: statusValue,
            summary: GameSummary(depth: depth, deepest: deepest, turns: turns, gold: gold, stateHash: state),
            cause: cause,
            startedAt: milliseconds(started),
            updatedAt: milliseconds(updated),
            actionCount: count
        )
    }

    /// A time as the store keeps it, in whole milliseconds like SQLite's text: `timestamptz`
    /// has microseconds, and a `Date` read back may differ from the one written in the last
    /// bits, so times are rounded both ways and compare equal.
    static func milliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
