import BrogueContent
import BrogueCore
import BrogueRecording
import BrogueStore
import BrogueUI
import Foundation
import Testing

/// The recorded-game layer on a real SQLite store and the core content.
@Suite struct RecordedGamesTests {
    let folder = TempFolder()

    func games(_ catalog: ContentCatalog = CoreContent.catalog, set: [ContentSetMember] = CoreContent.set) throws -> RecordedGames {
        RecordedGames(store: try SQLiteGameStore(path: folder.file("brogue.sqlite")), catalog: catalog, contentSet: set)
    }

    /// Plays `keys` through a session recording into `recorded`; returns the session.
    func play(_ recorded: RecordedGame, keys: [String]) throws -> (PlaySession, [RecordedAction]) {
        let session = PlaySession(game: recorded.game, recorder: recorded)
        var stored: [RecordedAction] = []
        for key in keys { stored += try session.press(key: key).recorded }
        return (session, stored)
    }

    @Test func recordingReturnsEachStoredActionsSeqAndHash() throws {
        let recorded = try games().start(seed: 11)
        let (session, stored) = try play(recorded, keys: ["l", "j", "h", "k", "s", "s"])
        #expect(!stored.isEmpty)
        #expect(stored.map(\.seq) == Array(0..<stored.count), "seq counts the stored actions from 0")
        #expect(stored.last?.stateHash == session.game.stateHash)
        #expect(recorded.nextSeq == stored.count)
        let record = try #require(try games().store.game(id: recorded.id))
        #expect(record.actionCount == stored.count)
        #expect(record.summary.stateHash == session.game.stateHash)
    }

    @Test func aHandedOverGameIsTheStartedOneAndRecordingGoesOn() throws {
        let recorded = try games().start(seed: 11)
        let started = recorded.game.stateHash
        let session = PlaySession(game: recorded.handOver(), recorder: recorded)
        #expect(session.game.stateHash == started)
        let stored = try session.press(key: "s").recorded + session.press(key: "s").recorded
        #expect(recorded.nextSeq == stored.count && stored.count == 2)
        let resumed = try #require(try games().resume(id: recorded.id))
        #expect(resumed.game.stateHash == session.game.stateHash)
    }

    @Test func aPlayedRunIsReturnedWholeByPress() throws {
        // A seed whose first level has no monster near the start, so exploring is not cut short.
        let recorded = try games().start(seed: 5)
        let session = PlaySession(game: recorded.game, recorder: recorded)
        let pressed = try session.press(key: "x")  // explore runs many steps
        #expect(pressed.recorded.count > 1)
        #expect(!session.isRunning)
        #expect(pressed.recorded.last?.stateHash == session.game.stateHash)
    }

    @Test func resumingReplaysToTheSameGame() throws {
        let recorded = try games().start(seed: 5)
        let (session, _) = try play(recorded, keys: ["x", "s", "x"])
        var seen = 0
        let resumed = try #require(try games().resume(id: recorded.id) { _, _ in seen += 1 })
        #expect(resumed.game.stateHash == session.game.stateHash)
        #expect(resumed.nextSeq == recorded.nextSeq)
        #expect(seen == recorded.nextSeq, "onEvents sees every replayed action")
        #expect(try games().resume(id: 999) == nil)
    }

    @Test func otherContentIsRefusedBeforeReplaying() throws {
        let recorded = try games().start(seed: 5)
        _ = try play(recorded, keys: ["s"])
        let other = try games(set: CoreContent.set + [ContentSetMember(id: "extra", version: "1.0.0")])
        // Same catalog hash: the set alone does not refuse; a changed catalog does.
        #expect(try other.resume(id: recorded.id) != nil)
        let changed = CoreContent.catalog.covering([ContentSetMember(id: "core", version: "9.9.9")])
        #expect(throws: RebuildError.self) { try games(changed).resume(id: recorded.id) }
        do {
            _ = try games(changed).resume(id: recorded.id)
        } catch let e as RebuildError {
            guard case .contentChanged(let id, _, _, _, _) = e else {
                Issue.record("expected contentChanged, got \(e)")
                return
            }
            #expect(id == recorded.id)
            #expect(e.description.contains("Load the same plugins"))
        }
    }

    @Test func aDamagedLogOrAChangedHashIsRefused() throws {
        let recorded = try games().start(seed: 5)
        let (session, _) = try play(recorded, keys: ["s", "s"])
        let store = try games().store
        let stored = try #require(try store.loadGame(id: recorded.id))
        var damaged = stored
        damaged.actions[1] = "m9"
        #expect(throws: RebuildError.badAction(game: recorded.id, index: 1, text: "m9")) { try games().rebuild(damaged) }
        var wrong = stored
        wrong.record.summary.stateHash ^= 1
        #expect(
            throws: RebuildError.hashMismatch(game: recorded.id, stored: session.game.stateHash ^ 1, replayed: session.game.stateHash, actions: 2)
        ) {
            try games().rebuild(wrong)
        }
        #expect(try games().rebuild(wrong, checkHash: false).stateHash == session.game.stateHash)
    }

    @Test func finishRecordsTheEndOnce() throws {
        let recorded = try games().start(seed: 9)
        let (session, _) = try play(recorded, keys: ["s"])
        #expect(try recorded.finish(session.game) == nil, "a game still played is not finished unless abandoned")
        let ended = try #require(try recorded.finish(session.game, abandoned: true))
        #expect(ended.status == .abandoned)
        #expect(ended.cause == "abandoned")
        #expect(try recorded.finish(session.game, abandoned: true) == nil, "recorded once")
        #expect(try games().store.highScores(contentHash: CoreContent.catalog.contentHash, limit: 5).count == 1)
    }

    @Test func aNativeLibraryIsNamedInTheStoredContentSet() throws {
        let set = [ContentSetMember(id: "core", version: "1.0.0"), ContentSetMember(id: "alchemy", version: "0.1.0", libraryHash: 0xABC)]
        let refs = try games(set: set).contentSet
        #expect(refs == [ContentRef(id: "core", version: "1.0.0"), ContentRef(id: "alchemy", version: "0.1.0+lib.0000000000000abc")])
        #expect(
            ContentRef(member: ContentSetMember(id: "a", version: "1.0.0+build.5", libraryHash: 1)).version == "1.0.0+build.5.lib.0000000000000001"
        )
        let recorded = try games(set: set).start(seed: 1)
        #expect(try games().store.game(id: recorded.id)?.contentSet == refs)
    }

    @Test func anExportedGameImportsAndVerifiesElsewhere() throws {
        let recorded = try games().start(seed: 21)
        let (session, _) = try play(recorded, keys: ["x", "x"])
        let bytes = try games().store.exportGame(id: recorded.id)
        let elsewhere = TempFolder()
        let there = RecordedGames(
            store: try SQLiteGameStore(path: elsewhere.file("brogue.sqlite")),
            catalog: CoreContent.catalog,
            contentSet: CoreContent.set
        )
        let imported = try there.store.importGame(bytes)
        let resumed = try #require(try there.resume(id: imported.id))
        #expect(resumed.game.stateHash == session.game.stateHash)
    }
}
