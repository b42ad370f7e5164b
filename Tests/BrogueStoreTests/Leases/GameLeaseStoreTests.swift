import BrogueCore
import BrogueStore
import Foundation
import Testing

/// `GameLeaseStore`, run against every backend in `StoreBackend.all`. Times are plain
/// numbers passed in: no clock, no sleeping.
@Suite struct GameLeaseStoreTests {
    @Test(arguments: StoreBackend.all) func acquireRenewAndExpiryTakeoverIncrementTheEpoch(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        #expect(try store.lease(game: 1) == nil)
        let first = try #require(try store.acquireLease(game: 1, instance: "a", now: 1_000, ttl: 500))
        #expect(first == GameLease(gameID: 1, holder: "a", epoch: 1, expires: 1_500))
        #expect(try store.acquireLease(game: 1, instance: "b", now: 1_499, ttl: 500) == nil, "held and unexpired")
        let again = try #require(try store.acquireLease(game: 1, instance: "a", now: 1_200, ttl: 500))
        #expect(again == GameLease(gameID: 1, holder: "a", epoch: 1, expires: 1_700), "the holder re-acquiring extends, same epoch")
        let renewed = try store.renewLease(again, now: 1_600, ttl: 500)
        #expect(renewed == GameLease(gameID: 1, holder: "a", epoch: 1, expires: 2_100))
        let taken = try #require(try store.acquireLease(game: 1, instance: "b", now: 2_100, ttl: 500), "expires <= now: free")
        #expect(taken == GameLease(gameID: 1, holder: "b", epoch: 2, expires: 2_600))
        #expect(try store.lease(game: 1) == taken)
        do {
            _ = try store.renewLease(renewed, now: 2_200, ttl: 500)
            Issue.record("a lease taken over cannot be renewed")
        } catch {
            guard case .leaseLost(1, "a", 1, let current) = error else { throw error }
            #expect(current.contains("'b'") && current.contains("epoch 2"), "\(current)")
            #expect(error.description.contains("Nothing was written"))
        }
        let back = try #require(try store.acquireLease(game: 1, instance: "a", now: 2_600, ttl: 500))
        #expect(back.epoch == 3, "every change of holder increments the epoch")
    }

    @Test(arguments: StoreBackend.all) func aLeaseIsTakenOverFromAGoneHolderOnlyOnce(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let dead = try #require(try store.acquireLease(game: 3, instance: "a", now: 1_000, ttl: 10_000))
        let taken = try #require(try store.takeOverLease(dead, instance: "b", now: 2_000, ttl: 10_000), "unexpired, but its holder is gone")
        #expect(taken == GameLease(gameID: 3, holder: "b", epoch: 2, expires: 12_000))
        #expect(try store.takeOverLease(dead, instance: "c", now: 2_001, ttl: 10_000) == nil, "the lease moved since c saw it")
        #expect(try store.lease(game: 3) == taken)
        #expect(throws: StoreError.self, "the old holder, were it only paused, can no longer write") {
            _ = try store.renewLease(dead, now: 2_002, ttl: 10_000)
        }
    }

    @Test(arguments: StoreBackend.all) func releaseFreesTheLeaseAndKeepsTheEpoch(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let a = try #require(try store.acquireLease(game: 7, instance: "a", now: 10, ttl: 1_000))
        let b0 = try #require(try store.acquireLease(game: 8, instance: "b", now: 10, ttl: 1_000))
        try store.releaseLease(GameLease(gameID: 7, holder: "a", epoch: 5, expires: 0))
        #expect(try store.acquireLease(game: 7, instance: "b", now: 20, ttl: 1_000) == nil, "a release with another epoch does nothing")
        try store.releaseLease(a)
        #expect(throws: StoreError.self) { try store.renewLease(a, now: 30, ttl: 1_000) }
        let b = try #require(try store.acquireLease(game: 7, instance: "b", now: 30, ttl: 1_000), "released: free at once")
        #expect(b.epoch == 2)
        #expect(try store.leases() == [b, b0], "by game id")
    }

    @Test(arguments: StoreBackend.all) func aStaleHolderCannotAppendOrFinish(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let game = try makeGame(store, actions: 2)
        let old = try #require(try store.acquireLease(game: game.id, instance: "a", now: 0, ttl: 100))
        try store.appendAction(gameID: game.id, seq: 2, action: .rest, summary: summary(after: 3), holding: old)
        let new = try #require(try store.acquireLease(game: game.id, instance: "b", now: 100, ttl: 100))
        #expect(new.epoch == old.epoch + 1)
        do {
            try store.appendAction(gameID: game.id, seq: 3, action: .rest, summary: summary(after: 4), holding: old)
            Issue.record("the stale holder's append was accepted")
        } catch {
            guard case .leaseLost(game.id, "a", old.epoch, _) = error else { throw error }
        }
        do {
            try store.finishGame(id: game.id, status: .died, cause: "stale", summary: nil, score: ScoreEntry(points: 9), holding: old)
            Issue.record("the stale holder's finish was accepted")
        } catch {
            guard case .leaseLost = error else { throw error }
        }
        let stored = try #require(try store.loadGame(id: game.id))
        #expect(stored.actions == ["m0", "m1", "z"], "nothing of the stale holder's was written after the takeover")
        #expect(stored.record.status == .playing)
        #expect(stored.record.summary == summary(after: 3))
        #expect(try store.highScores(contentHash: game.contentHash, limit: 10) == [])

        try store.appendAction(gameID: game.id, seq: 3, action: .rest, summary: summary(after: 4), holding: new)
        let finished = try store.finishGame(id: game.id, status: .won, cause: nil, summary: nil, score: ScoreEntry(points: 5), holding: new)
        #expect(finished.status == .won && finished.actionCount == 4)
        #expect(try store.highScores(contentHash: game.contentHash, limit: 10).map(\.points) == [5])
    }

    @Test(arguments: StoreBackend.all) func aFencedWriteNeedsALeaseOnThatGame(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let game = try makeGame(store, actions: 0)
        let other = try makeGame(store, actions: 0)
        let never = GameLease(gameID: game.id, holder: "a", epoch: 1, expires: 100)
        #expect(throws: StoreError.self, "no lease was ever taken") {
            try store.appendAction(gameID: game.id, seq: 0, action: .rest, summary: summary(after: 1), holding: never)
        }
        let onOther = try #require(try store.acquireLease(game: other.id, instance: "a", now: 0, ttl: 100))
        #expect(throws: StoreError.self, "a lease on another game") {
            try store.appendAction(gameID: game.id, seq: 0, action: .rest, summary: summary(after: 1), holding: onOther)
        }
        let lease = try #require(try store.acquireLease(game: game.id, instance: "a", now: 0, ttl: 100))
        #expect(throws: StoreError.outOfSequence(gameID: game.id, expected: 0, got: 1), "the lease is checked, then the game's rules") {
            try store.appendAction(gameID: game.id, seq: 1, action: .rest, summary: summary(after: 1), holding: lease)
        }
        #expect(try store.actions(gameID: game.id) == [])
    }

    @Test(arguments: StoreBackend.all) func concurrentAcquiresHaveOneWinner(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        for game in Int64(1)...Int64(20) {
            let results = Results()
            let group = DispatchGroup()
            for instance in ["a", "b"] {
                DispatchQueue.global().async(group: group) {
                    results.add(Result { () throws(StoreError) in try store.acquireLease(game: game, instance: instance, now: 0, ttl: 1_000) })
                }
            }
            group.wait()
            let leases = try results.all.map { try $0.get() }
            #expect(leases.compactMap { $0 }.count == 1, "game \(game): \(leases)")
            #expect(try store.lease(game: game) == leases.compactMap { $0 }.first)
        }
    }

    @Test(arguments: StoreBackend.all) func heartbeatsAreUpsertedAndListedById(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        #expect(try store.heartbeats() == [])
        try store.recordHeartbeat(InstanceHeartbeat(id: "game-2", role: "game", gamesHosted: 3, address: "127.0.0.1:9002", at: 1_000))
        try store.recordHeartbeat(InstanceHeartbeat(id: "gateway-1", role: "gateway", gamesHosted: 0, address: "127.0.0.1:8080", at: 1_001))
        try store.recordHeartbeat(InstanceHeartbeat(id: "game-1", role: "game", gamesHosted: 1, address: "127.0.0.1:9001", at: 1_002))
        try store.recordHeartbeat(InstanceHeartbeat(id: "game-2", role: "game", gamesHosted: 4, address: "127.0.0.1:9002", at: 2_000))
        let beats = try store.heartbeats()
        #expect(beats.map(\.id) == ["game-1", "game-2", "gateway-1"])
        #expect(beats[1] == InstanceHeartbeat(id: "game-2", role: "game", gamesHosted: 4, address: "127.0.0.1:9002", at: 2_000))
        #expect(throws: StoreError.self) {
            try store.recordHeartbeat(InstanceHeartbeat(id: "", role: "game", gamesHosted: 0, address: "", at: 0))
        }
        #expect(throws: StoreError.self) { try store.acquireLease(game: 1, instance: "", now: 0, ttl: 10) }
        #expect(throws: StoreError.self) { try store.acquireLease(game: 1, instance: "a", now: 0, ttl: 0) }
    }
}

/// Results gathered from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<GameLease?, StoreError>] = []

    func add(_ result: Result<GameLease?, StoreError>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<GameLease?, StoreError>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
