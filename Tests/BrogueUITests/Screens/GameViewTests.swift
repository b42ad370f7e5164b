import BrogueCore
import BrogueFrame
import Testing

@testable import BrogueUI

@Suite struct GameViewTests {
    func text(_ frame: Frame, row: Int) -> String {
        String((0..<frame.width).map { frame[x: $0, y: row].glyph })
    }

    @Test func playerIsDrawnWhereItStands() {
        let session = PlaySession(game: Game(seed: 4, catalog: CoreContent.catalog), recorder: nil)
        let frame = GameView.render(session)
        let p = session.game.player.position
        #expect(frame[x: Layout.mapX + p.x, y: Layout.mapY + p.y].glyph == "@")
        #expect(frame.width == 100 && frame.height == 34)
        var ats = 0
        for y in 0..<Dungeon.height {
            for x in 0..<Dungeon.width where frame[x: Layout.mapX + x, y: Layout.mapY + y].glyph == "@" { ats += 1 }
        }
        #expect(ats == 1, "exactly one @ on the map")
    }

    @Test func sidebarShowsHealthAndMessagesShowTheWelcome() {
        let session = PlaySession(game: Game(seed: 4, catalog: CoreContent.catalog), recorder: nil)
        let frame = GameView.render(session)
        #expect(text(frame, row: 1).hasPrefix("Health 40/40"))
        #expect(text(frame, row: 0).contains("Welcome to the dungeon"))
    }

    @Test func unknownCellsAreBlankAndRememberedCellsAreDimmer() throws {
        var game = Game(seed: 4, catalog: CoreContent.catalog)
        for _ in 0..<60 { _ = game.apply(.exploreStep) }
        let far = (0..<Dungeon.height).flatMap { y in (0..<Dungeon.width).map { Point($0, y) } }
        let unknown = try #require(far.first { !game.level.discovered[$0] && !game.level.magicMapped[$0] })
        #expect(MapPainter.cell(game, at: unknown, ascii: false) == .blank)
        let remembered = try #require(far.first { game.level.discovered[$0] && !game.visible[$0] && !game.level.has(.blocksMovement, at: $0) })
        let dim = MapPainter.cell(game, at: remembered, ascii: false)
        #expect(dim.fg.luminance < 128)
    }

    /// Messages are wrapped from their bytes when they are ASCII; the lines must be those the
    /// character-counting wrap gives, for every width, spacing and word longer than a line.
    @Test func wrappingAsciiTextByBytesGivesTheSameLines() {
        let texts = [
            "You hit the goblin conjurer with your dagger; it looks badly wounded.",
            "  two  spaces   and a trailing one ",
            "averyveryverylongwordthatdoesnotfitanywidth short",
            "", " ", "x",
            "Welcome to the dungeon! Find the Amulet of Yendor on depth 26 and bring it back.",
        ]
        for text in texts {
            for width in [0, 1, 5, 12, 40, 79, 200] {
                let bytes = GameView.wrappedASCII(text, width: width)
                #expect(bytes != nil, "\(text) is ASCII")
                #expect(bytes == GameView.wrappedByCharacter(text, width: width), "\"\(text)\" at width \(width)")
            }
        }
        // Anything else takes the character-counting way.
        #expect(GameView.wrappedASCII("café au lait", width: 5) == nil)
        #expect(GameView.wrappedASCII("line\r\nbreak", width: 5) == nil)
        #expect(GameView.wrapped("café au lait", width: 5) == ["café", "au", "lait"])
    }

    @Test func asciiModeUsesOnlyAscii() {
        let session = PlaySession(game: Game(seed: 6, catalog: CoreContent.catalog), recorder: nil)
        var game = session.game
        for _ in 0..<40 { _ = game.apply(.exploreStep) }
        var frame = Frame(width: Layout.width, height: Layout.height)
        MapPainter.paint(game, into: &frame, ascii: true)
        let nonAscii = frame.cells.filter { !$0.glyph.isASCII }
        #expect(nonAscii.isEmpty)
    }

    @Test func everyOverlayFitsTheScreen() throws {
        let session = PlaySession(game: Game(seed: 4, catalog: CoreContent.catalog), recorder: nil)
        for key in ["?", "i", "D", "M", "e", "Q"] {
            try session.handle(key: key)
            let frame = GameView.render(session)
            #expect(frame.width == Layout.width)
            try session.handle(key: "escape")
        }
        try session.handle(key: "?")
        let help = GameView.render(session)
        let all = (0..<help.height).map { text(help, row: $0) }.joined(separator: "\n")
        #expect(all.contains("explore until something interesting happens"))
        #expect(all.contains("save and quit"))
    }

    @Test func tooSmallSaysWhatToDo() {
        let frame = GameView.tooSmall(width: 80, height: 24)
        let all = (0..<frame.height).map { text(frame, row: $0) }.joined()
        #expect(all.contains("needs a 100 x 34 terminal"))
        #expect(all.contains("80 x 24"))
    }
}
