import BrogueFrame
import BrogueUI
import Testing

@testable import BrogueCore

/// The ally screen (`A`), allies in the sidebar even out of sight, what the sidebar says of the
/// monsters in view, and freeing a captive as a run of turns.
@Suite struct AllyScreenTests {
    func screen(_ frame: Frame) -> String {
        (0..<frame.height).map { y in String((0..<frame.width).map { frame[x: $0, y: y].glyph }) }.joined(separator: "\n")
    }

    func sidebar(_ frame: Frame) -> String {
        (0..<frame.height).map { y in String((0..<Layout.sidebarWidth).map { frame[x: $0, y: y].glyph }) }.joined(separator: "\n")
    }

    /// A game on seed 4 with a goblin ally next to the player.
    func gameWithAlly() throws -> (Game, Int) {
        var game = Game(seed: 4, catalog: CoreContent.catalog)
        game.monsters.removeAll()
        let summoned = game.summon("goblin", near: game.player.position, state: .ally)
        #expect(summoned)
        return (game, game.monsters.count - 1)
    }

    @Test func theAllyScreenListsEachAllyWithItsHealthAndWhatItLearned() throws {
        var (game, a) = try gameWithAlly()
        game.monsters[a].hp = 5
        game.monsters[a].learnedAbilities = [try #require(CoreContent.catalog.monsters.first { $0.id == "goblin-conjurer" }?.ability(.summons))]
        game.monsters[a].learnedFlags = .flies
        let session = PlaySession(game: game, recorder: nil)
        try session.handle(key: "A")
        #expect(session.mode == .allies)
        let text = screen(GameView.render(session))
        #expect(text.contains("Allies (1); any key closes"))
        #expect(text.contains("goblin") && text.contains("Health 5/15  in view"))
        #expect(text.contains("learned: flies, to summon spectral blades"))
        try session.handle(key: "x")
        #expect(session.mode == .normal, "any key closes it")
    }

    @Test func theAllyScreenSaysWhenThereAreNone() throws {
        let session = PlaySession(game: Game(seed: 4, catalog: CoreContent.catalog), recorder: nil)
        try session.handle(key: "A")
        #expect(screen(GameView.render(session)).contains("You have no allies. Free a captive in shackles to gain one."))
    }

    @Test func helpListsTheAllyKey() throws {
        let session = PlaySession(game: Game(seed: 4, catalog: CoreContent.catalog), recorder: nil)
        try session.handle(key: "?")
        #expect(screen(GameView.render(session)).contains("your allies: health, place, what they learned"))
    }

    @Test func anAllyOutOfSightIsInTheSidebarAndOnTheMapByTheBond() throws {
        var (game, a) = try gameWithAlly()
        let far = try #require(
            (0..<Dungeon.height).lazy.flatMap { y in (0..<Dungeon.width).map { Point($0, y) } }.first { p in
                game.level.isPassable(p) && !game.visible[p] && game.monsterIndex(at: p) == nil
            }
        )
        game.monsters[a].position = far
        #expect(!game.canSee(game.monsters[a]))
        let frame = GameView.render(PlaySession(game: game, recorder: nil))
        #expect(sidebar(frame).contains("Ally (bond)"))
        #expect(frame[x: Layout.mapX + far.x, y: Layout.mapY + far.y].glyph == "g")
        game.monsters[a].absorbing = 2
        #expect(sidebar(GameView.render(PlaySession(game: game, recorder: nil))).contains("Ally absorbing"))
    }

    @Test func theSidebarSaysWhetherEachMonsterInViewHasNoticedThePlayer() throws {
        var game = Game(seed: 4, catalog: CoreContent.catalog)
        game.monsters.removeAll()
        for state in [MonsterState.sleeping, .wandering, .hunting, .captive] {
            let placed = game.summon("rat", near: game.player.position, state: state)
            #expect(placed)
        }
        let text = sidebar(GameView.render(PlaySession(game: game, recorder: nil)))
        for label in ["Sleeping 6/6", "Wandering 6/6", "Hunting 6/6", "Captive 5 6/6"] { #expect(text.contains(label), "\(label) in \(text)") }
    }

    /// A game with a captive goblin east of the player, on open floor.
    func gameWithCaptive() throws -> Game {
        var game = Game(seed: 4, catalog: CoreContent.catalog)
        game.monsters.removeAll()
        let p = game.player.position
        let d = try #require(Direction.allCases.first { game.level.canStep(from: p, $0) && game.level.isPassable(p + $0.offset) })
        let placed = game.summon("goblin", near: p + d.offset, state: .captive)
        #expect(placed)
        #expect(game.monsters[0].position == p + d.offset)
        return game
    }

    @Test func walkingIntoACaptiveWorksAtItsShacklesUntilItIsFree() throws {
        let game = try gameWithCaptive()
        let d = try #require(Direction(delta: game.monsters[0].position - game.player.position))
        let recorder = MemoryRecorder()
        let session = PlaySession(game: game, recorder: recorder)
        try session.press(key: ["k", "l", "j", "h", "u", "n", "b", "y"][d.rawValue])
        #expect(recorder.actions == Array(repeating: .move(d), count: 5))
        #expect(session.game.monsters[0].state == .ally)
        #expect(session.log.entries.map(\.text).contains("You free the goblin from its shackles. It joins you."))
    }

    @Test func freeingStopsWithAMessageWhenThePlayerIsHurt() throws {
        var game = try gameWithCaptive()
        game.player.status.poisoned = 20
        let d = try #require(Direction(delta: game.monsters[0].position - game.player.position))
        let session = PlaySession(game: game, recorder: nil)
        try session.press(key: ["k", "l", "j", "h", "u", "n", "b", "y"][d.rawValue])
        #expect(session.game.monsters[0].state == .captive && session.game.monsters[0].freeing == 1)
        #expect(session.log.entries.map(\.text).contains("You stop working at the goblin's shackles."))
    }
}
