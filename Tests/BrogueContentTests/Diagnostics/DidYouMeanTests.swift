import Testing

@testable import BrogueContent

@Suite("Did you mean")
struct DidYouMeanTests {
    @Test(
        "typos, other spellings and near misses find the field",
        arguments: [
            ("hp_max", "hp"),
            ("movementDuration", "movement-duration"),
            ("movement_duration", "movement-duration"),
            ("acuracy", "accuracy"),
            ("defence", "defense"),
            ("dmg", nil),
            ("colour", "color"),
            ("ascii_glyph", "ascii-glyph"),
            ("zzzzzz", nil),
        ] as [(String, String?)]
    )
    func suggestions(typed: String, expected: String?) {
        let fields = ["id", "name", "hp", "defense", "accuracy", "damage", "movement-duration", "color", "ascii-glyph", "glyph"]
        #expect(DidYouMean.suggestion(for: typed, among: fields) == expected)
    }

    @Test("the distance counts a swap of neighbours as one edit")
    func distance() {
        #expect(DidYouMean.distance(Array("clump".utf8), Array("clupm".utf8)) == 1)
        #expect(DidYouMean.distance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(DidYouMean.distance([], Array("abc".utf8)) == 3)
    }
}
