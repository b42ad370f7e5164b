import BrogueStore
import Foundation
import GRDB
import Testing

/// Each fault is provoked on a file that already holds three games; afterwards the file is
/// reopened and the three are checked to be exactly as they were.
@Suite struct FaultTests {
    // MARK: corrupt files

    @Test func randomBytesAreCorruptAndLeftAlone() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        var rng = SystemRandomNumberGenerator()
        let junk = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) })
        try writeFile(path, junk)
        try expectCorrupt(path)
        #expect(bytes(path) == junk, "a corrupt file must not be modified")
    }

    @Test func truncatedHeaderIsCorruptAndLeftAlone() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        _ = try makeThreeGames(try SQLiteGameStore(path: path))
        let truncated = bytes(path).prefix(60)
        #expect(truncated.starts(with: Data("SQLite format 3".utf8)))
        try writeFile(path, truncated)
        try expectCorrupt(path)
        #expect(bytes(path) == truncated)
    }

    @Test func damagedMagicIsCorruptAndLeftAlone() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        _ = try makeThreeGames(try SQLiteGameStore(path: path))
        var damaged = bytes(path)
        damaged.replaceSubrange(0..<16, with: Data(repeating: 0x42, count: 16))
        try writeFile(path, damaged)
        try expectCorrupt(path)
        #expect(bytes(path) == damaged)
    }

    private func expectCorrupt(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for access in [SQLiteGameStore.Access.readWrite, .readOnly] {
            do {
                _ = try SQLiteGameStore(path: path, options: .init(access: access))
                Issue.record("opening a corrupt file should fail", sourceLocation: sourceLocation)
            } catch {
                guard case .corrupt(let where_, _) = error else {
                    Issue.record("expected .corrupt, got \(error)", sourceLocation: sourceLocation)
                    continue
                }
                #expect(where_ == path, sourceLocation: sourceLocation)
                #expect(error.description.contains("was not changed"), sourceLocation: sourceLocation)
                #expect(error.description.contains("Move it aside"), sourceLocation: sourceLocation)
            }
        }
    }

    /// One game's row edited into nonsense: that game says so, the others still load.
    @Test func damagedGameRowSpoilsOnlyThatGame() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        let victim = try makeGame(try SQLiteGameStore(path: path), actions: 3)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE game SET state_hash = 'not-hex-at-all!!' WHERE id = ?", arguments: [victim.id])
        }
        let store = try SQLiteGameStore(path: path)
        do {
            _ = try store.loadGame(id: victim.id)
            Issue.record("a damaged row should not load")
        } catch {
            guard case .damagedGame(let id, let detail) = error else { throw error }
            #expect(id == victim.id)
            #expect(detail.contains("state_hash"))
        }
        try expectIntact(path, games)
    }

    // MARK: newer schema

    @Test func newerSchemaIsRefusedWithoutWriting() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        let before = bytes(path)
        for access in [SQLiteGameStore.Access.readWrite, .readOnly] {
            #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9-from-the-future"])) {
                try SQLiteGameStore(path: path, options: .init(access: access))
            }
        }
        #expect(bytes(path) == before, "nothing may be written to a newer store")
        let message = StoreError.newerSchema(path: path, unknownMigrations: ["v9-from-the-future"]).description
        #expect(message.contains(path) && message.contains("newer Brogue") && message.contains("Update Brogue"))
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v9-from-the-future'")
        }
        try expectIntact(path, games)
    }

    // MARK: locks

    @Test func writeLockHeldTooLongIsLocked() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        let fourth = try makeGame(try SQLiteGameStore(path: path), actions: 2)

        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: config)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        let store = try SQLiteGameStore(path: path, options: .init(busyTimeout: 0.2))
        #expect(try store.listGames(limit: 10).count == 4, "readers are not blocked by a writer in WAL mode")
        let start = Date()
        #expect(throws: StoreError.locked(path: path, timeoutSeconds: 0.2)) {
            try store.appendAction(gameID: fourth.id, seq: 2, action: "z", summary: summary(after: 3))
        }
        #expect(Date().timeIntervalSince(start) >= 0.19, "the store waits for the busy timeout first")
        #expect(StoreError.locked(path: path, timeoutSeconds: 5).description.contains("another process or connection"))

        try holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try store.appendAction(gameID: fourth.id, seq: 2, action: "z", summary: summary(after: 3))
        #expect(try store.actions(gameID: fourth.id).count == 3)
        try expectIntact(path, games)
    }

    // MARK: read-only

    @Test(.enabled(if: ReadOnly.isSupported)) func readOnlyFileCanStillBeListedAndExported() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        #expect(ReadOnly.make(URL(fileURLWithPath: path)))
        defer { ReadOnly.restore(URL(fileURLWithPath: path)) }
        try expectReadOnly(path: path, games: games, detail: "the file is not writable")
        ReadOnly.restore(URL(fileURLWithPath: path))
        try expectIntact(path, games)
    }

    @Test(.enabled(if: ReadOnly.isSupported)) func readOnlyFolderCanStillBeListedAndExported() throws {
        let folder = TempFolder()
        let dataDir = folder.url.appendingPathComponent("data")
        let path = dataDir.appendingPathComponent("brogue.sqlite").path
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        #expect(ReadOnly.make(dataDir))
        defer { ReadOnly.restore(dataDir) }
        try expectReadOnly(path: path, games: games, detail: "is not writable")
        ReadOnly.restore(dataDir)
        try expectIntact(path, games)
    }

    private func expectReadOnly(path: String, games: [StoredGame], detail: String) throws {
        let before = bytes(path)
        do {
            _ = try SQLiteGameStore(path: path)
            Issue.record("opening an unwritable store for writing should fail")
        } catch {
            guard case .readOnly(let where_, let why) = error else { throw error }
            #expect(where_ == path)
            #expect(why.contains(detail), "\(why)")
            #expect(error.description.contains("read-only"))
        }
        let reader = try SQLiteGameStore(path: path, options: .init(access: .readOnly))
        #expect(try reader.listGames(limit: 10).map(\.id) == games.map(\.record.id).reversed())
        let exported = try reader.exportGame(id: games[1].record.id)
        #expect(!exported.isEmpty)
        do {
            try reader.appendAction(gameID: games[0].record.id, seq: 5, action: "z", summary: summary(after: 6))
            Issue.record("a read-only store takes no writes")
        } catch {
            guard case .readOnly = error else { throw error }
        }
        #expect(bytes(path) == before)
    }

    // MARK: disk full

    @Test func diskFullRollsBackTheLastWriteOnly() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        let fourth = try makeGame(try SQLiteGameStore(path: path), actions: 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

        let store = try SQLiteGameStore(path: path, options: .init(maximumBytes: size + 2 * 4096))
        var appended = 0
        var failure: StoreError?
        while appended < 100_000 {
            do {
                try store.appendAction(gameID: fourth.id, seq: appended, action: "T10,5", summary: summary(after: appended + 1))
                appended += 1
            } catch {
                failure = error
                break
            }
        }
        #expect(failure == .diskFull(path: path))
        #expect(appended > 0, "some actions fit before the cap")
        #expect(failure?.description.contains("disk is full") == true)
        #expect(failure?.description.contains("Free some disk space") == true)

        let after = try #require(try SQLiteGameStore(path: path).loadGame(id: fourth.id))
        #expect(after.actions.count == appended, "every acknowledged action is kept, the failed one is not")
        #expect(after.record.summary == summary(after: appended))
        try expectIntact(path, games)
    }
}
