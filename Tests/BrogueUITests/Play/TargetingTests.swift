import BrogueFrame
import BrogueUI
import Testing

@testable import BrogueCore

/// The targeting cursor: Tab cycles through the monsters in view, nearest first; the movement
/// keys move it; Enter zaps or throws at its cell; Esc cancels; the last target is remembered.
@Suite struct TargetingTests {
    /// A core game with no monsters but two captive goblins in view, the near one first, each
    /// with a clear line from the player, and a staff of firebolt at the returned letter.
    func twoGoblins() throws -> (PlaySession, MemoryRecorder, Letter, Point, Point) {
        var game = Game(seed: 3, catalog: CoreContent.catalog)
        game.monsters.removeAll()
        game.updateVision()
        let me = game.player.position
        let open = game.visible.cells.indices.map { game.visible.point(at: $0) }.filter { p in
            p != me && game.visible[p] && game.level.isPassable(p) && game.level.flags[p].isDisjoint(with: .hazards)
                && game.level.itemIndex(at: p) == nil
        }
        let near = try #require(open.first { $0.distance(to: me) == 2 && game.thrownPath(toward: $0).last == $0 })
        _ = game.summon("goblin", near: near, state: .captive)
        let far = try #require(
            open.first { p in
                p.distance(to: me) == 3 && p.distance(to: near) >= 2 && game.boltPath(toward: p).last == p
                    && game.boltPath(toward: p).count == 3
            }
        )
        _ = game.summon("kobold", near: far, state: .captive)
        #expect(game.monsters.map(\.position) == [near, far])
        var staff = Item(kind: try #require(CoreContent.catalog.itemIndexByID["staff-of-firebolt"]))
        staff.enchant = 2
        staff.charges = 2
        let added = game.inventory.add(staff, catalog: CoreContent.catalog)
        let letter = try #require(added)
        // Known, as if zapped before: found staffs are disguised until then.
        game.knownKinds[staff.kind] = true
        game.updateVision()
        let recorder = MemoryRecorder()
        return (PlaySession(game: game, recorder: recorder), recorder, letter, near, far)
    }

    @Test func tabMovesTheCursorToTheSecondMonsterAndEnterZapsIt() throws {
        let (s, recorder, letter, near, far) = try twoGoblins()
        try s.handle(key: "v")
        try s.handle(key: String(letter.character))
        guard case .aim(let first) = s.mode else {
            Issue.record("expected to be aiming, got \(s.mode)")
            return
        }
        #expect(first.cursor == near, "the cursor starts on the nearest monster")
        #expect(first.path.last == near)
        try s.handle(key: "tab")
        guard case .aim(let second) = s.mode else { return }
        #expect(second.cursor == far)
        #expect(s.aimPrompt(second).hasPrefix("Zap a staff of firebolt [2/2] at the kobold"))
        let frame = GameView.render(s)
        #expect(frame[x: Layout.mapX + far.x, y: Layout.mapY + far.y].bg == Theme.cursor)
        try s.handle(key: "enter")
        #expect(s.mode == .normal)
        #expect(recorder.actions == [.zap(letter, at: far)])
        let kobold = s.game.monsters.first { CoreContent.catalog.monsters[$0.kind].id == "kobold" }
        #expect(kobold.map { $0.hp < $0.maxHP } ?? true, "the kobold is hurt, or dead and gone")
        let goblin = try #require(s.game.monsters.first { CoreContent.catalog.monsters[$0.kind].id == "goblin" })
        #expect(goblin.hp == goblin.maxHP, "the goblin was not hit")
    }

    @Test func aClickOnAMapCellZapsThereAndAClickOffTheMapDoesNothing() throws {
        let (s, recorder, letter, _, far) = try twoGoblins()
        try s.handle(key: "v")
        try s.handle(key: String(letter.character))
        try s.handle(key: "click:3,40")
        try s.handle(key: "click:not,a-cell")
        guard case .aim = s.mode else {
            Issue.record("a click off the map ended the aim: \(s.mode)")
            return
        }
        try s.handle(key: "click:\(Layout.mapX + far.x),\(Layout.mapY + far.y)")
        #expect(s.mode == .normal)
        #expect(recorder.actions == [.zap(letter, at: far)])
    }

    @Test func tabWrapsAroundAndEscapeCancelsWithoutAnAction() throws {
        let (s, recorder, letter, near, _) = try twoGoblins()
        try s.handle(key: "v")
        try s.handle(key: String(letter.character))
        try s.handle(key: "tab")
        try s.handle(key: "tab")
        guard case .aim(let t) = s.mode else { return }
        #expect(t.cursor == near)
        try s.handle(key: "escape")
        #expect(s.mode == .normal)
        #expect(recorder.actions.isEmpty)
    }

    @Test func movementKeysMoveTheCursorAndTheLastTargetIsRemembered() throws {
        let (s, recorder, letter, near, far) = try twoGoblins()
        try s.handle(key: "t")
        try s.handle(key: "b")  // the darts
        guard case .aim(let t) = s.mode else {
            Issue.record("expected to be aiming, got \(s.mode)")
            return
        }
        try s.handle(key: "l")
        guard case .aim(let moved) = s.mode else { return }
        #expect(moved.cursor == t.cursor + Direction.east.offset)
        try s.handle(key: "h")
        try s.handle(key: "tab")
        try s.handle(key: "enter")
        #expect(recorder.actions.last == .throwItem(Letter("b")!, at: far))
        try s.handle(key: "v")
        try s.handle(key: String(letter.character))
        guard case .aim(let again) = s.mode else { return }
        #expect(again.cursor == far || s.game.monsterIndex(at: far) == nil, "the cursor starts on the last target while it is in view")
        _ = near
    }
}
