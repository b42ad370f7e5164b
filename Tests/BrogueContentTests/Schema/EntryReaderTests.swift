import BrogueContent
import BrogueCore
import Foundation
import Testing

/// What the schema-driven reader reports for mistakes inside one file.
@Suite("Field checks")
struct EntryReaderTests {
    /// Loads a core copy where `relative` holds `text`; returns that file's diagnostics as "line:column message (hint)".
    private func problems(_ relative: String, _ text: String) -> [String] {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = temp.write("core/" + relative, text)
        return loadDiagnostics([core]).filter { $0.file == path }.map {
            "\($0.line):\($0.column) \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    private let goblin = """
        id: goblin
        name: goblin
        glyph: g
        color: "#6e963c"
        hp: 15
        defense: 10
        accuracy: 70
        damage: {min: 2, max: 5}
        xp: 6

        """

    @Test("the description reads like a compiler's")
    func descriptionFormat() {
        let d = Diagnostic(
            severity: .error,
            file: "content/core/monsters/goblin.yaml",
            line: 7,
            column: 5,
            entry: "goblin",
            message: "unknown key 'hp_max' in monster 'goblin'",
            hint: "did you mean 'hp'?"
        )
        #expect(d.description == "content/core/monsters/goblin.yaml:7:5: error: unknown key 'hp_max' in monster 'goblin' (did you mean 'hp'?)")
    }

    @Test("an unknown key gets a did-you-mean")
    func unknownKey() {
        #expect(problems("monsters/goblin.yaml", goblin + "hp_max: 20\n") == ["10:1 unknown key 'hp_max' in monster 'goblin' (did you mean 'hp'?)"])
        #expect(
            problems("monsters/goblin.yaml", goblin + "movement_duration: 50\n") == [
                "10:1 unknown key 'movement_duration' in monster 'goblin' (did you mean 'movement-duration'?)"
            ]
        )
        #expect(
            problems("monsters/goblin.yaml", goblin + "descripton: x\n") == [
                "10:1 unknown key 'descripton' in monster 'goblin' (did you mean 'description'?)"
            ]
        )
        let far = problems("monsters/goblin.yaml", goblin + "zzzzzz: 1\n")
        #expect(far.count == 1 && far[0].contains("(known keys: id, name, glyph"))
    }

    @Test("a duplicate key names both places")
    func duplicateKey() {
        #expect(
            problems("monsters/goblin.yaml", goblin + "hp: 20\n") == [
                "10:1 duplicate key 'hp' in monster 'goblin'; it is first given at 5:1 (remove one of the two)"
            ]
        )
    }

    @Test("every mistake in a file is reported, not only the first")
    func allMistakes() {
        let text = goblin.replacingOccurrences(of: "hp: 15", with: "hp: lots")
            .replacingOccurrences(of: "glyph: g", with: "glyph: gg")
            .replacingOccurrences(of: "defense: 10", with: "defence: 10")
        // Key problems come first (found when the mapping is opened), then each field in table order.
        #expect(
            problems("monsters/goblin.yaml", text) == [
                "6:1 unknown key 'defence' in monster 'goblin' (did you mean 'defense'?)",
                "1:1 missing required field 'defense' in monster 'goblin' (add 'defense: <integer >= 0>')",
                "3:8 'glyph' in monster 'goblin' must be one character, found 'gg' (2 characters)",
                "5:5 expected an integer for 'hp' in monster 'goblin', found 'lots'",
            ]
        )
    }

    @Test("wrong types, out-of-range values, bad colours and glyphs each say what was expected")
    func valueProblems() {
        func one(_ from: String, _ to: String) -> [String] {
            problems("monsters/goblin.yaml", goblin.replacingOccurrences(of: from, with: to))
        }
        #expect(one("hp: 15", "hp: -4") == ["5:5 'hp' in monster 'goblin' must be at least 1, found -4"])
        #expect(one("hp: 15", "hp: \"15\"") == ["5:5 expected an integer for 'hp' in monster 'goblin', found the string \"15\" (remove the quotes)"])
        #expect(one("hp: 15", "hp: [15]") == ["5:5 expected an integer for 'hp' in monster 'goblin', found a list"])
        #expect(one("hp: 15", "hp:") == ["5:4 expected an integer for 'hp' in monster 'goblin', found nothing"])
        #expect(
            one("color: \"#6e963c\"", "color: \"#6e963\"") == [
                "4:8 expected a colour \"#rrggbb\" for 'color' in monster 'goblin', found the string \"#6e963\" (write six hex digits after #, in quotes: \"#ff8000\")"
            ]
        )
        #expect(
            one("color: \"#6e963c\"", "color: #6e963c") == [
                "4:7 expected a colour \"#rrggbb\" for 'color' in monster 'goblin', found nothing (quote it: \"#rrggbb\"; an unquoted # starts a comment)"
            ]
        )
        #expect(one("glyph: g", "glyph: \"\"") == ["3:8 'glyph' in monster 'goblin' must be one character, found '' (0 characters)"])
        #expect(one("damage: {min: 2, max: 5}", "damage: {min: 5, max: 2}") == ["8:15 'damage' of monster 'goblin' has min 5 above max 2"])
        #expect(
            one("damage: {min: 2, max: 5}", "damage: 2-5") == [
                "8:9 'damage' of monster 'goblin' must be a mapping with min and max, found '2-5' (write damage: {min: 2, max: 5})"
            ]
        )
        #expect(one("xp: 6", "xp: 6\nflags: [flys]") == ["10:9 unknown monster flag 'flys' in monster 'goblin' (did you mean 'flies'?)"])
    }

    @Test("a missing required field is reported at the mapping")
    func missingRequired() {
        let text = goblin.replacingOccurrences(of: "hp: 15\n", with: "")
        #expect(problems("monsters/goblin.yaml", text) == ["1:1 missing required field 'hp' in monster 'goblin' (add 'hp: <integer >= 1>')"])
    }

    @Test("a kind file must be named after its id")
    func fileNameMatchesID() {
        let text = goblin.replacingOccurrences(of: "id: goblin", with: "id: gobbo")
        let found = problems("monsters/goblin.yaml", text)
        #expect(found.first == "1:5 monster id 'gobbo' does not match its file name 'goblin.yaml' (name the file 'gobbo.yaml', or change the id)")
        #expect(
            problems("monsters/goblin.yaml", text.replacingOccurrences(of: "id: gobbo", with: "id: Goblin_2")).first
                == "1:5 'id' in monster 'Goblin_2' must be a kebab-case id (a-z, 0-9 and single dashes), found 'Goblin_2' (write 'goblin-2')"
        )
    }

    @Test("ranges are checked for shape, order and bounds")
    func ranges() {
        let spawns = """
            monsters:
              - {monster: rat, depths: "0-5", weight: 3}
              - {monster: rat, depths: "7-3", weight: 3}
              - {monster: rat, depths: "1-45", weight: 3}
              - {monster: rat, depths: lots, weight: -1}
              - {monster: rat, depths: 4, weight: 3, group: "2-x"}
            population:
              - {depths: "1-26", monsters: "2-4", items: "3-5", gold: "1-2"}

            """
        #expect(
            problems("spawns.yaml", spawns) == [
                "2:28 'depths' in monster spawn 'rat' must lie within 1-40, found '0-5'",
                "3:28 'depths' in monster spawn 'rat' has its minimum above its maximum: '7-3' (write \"3-7\")",
                "4:28 'depths' in monster spawn 'rat' must lie within 1-40, found '1-45'",
                "5:28 expected a range like \"3-7\" or a single integer for 'depths' in monster spawn 'rat', found 'lots'",
                "5:42 'weight' in monster spawn 'rat' must be at least 0, found -1",
                "6:49 expected a range like \"3-7\" or a single integer for 'group' in monster spawn 'rat', found the string \"2-x\"",
            ]
        )
    }

    @Test("item fields must suit the item's category")
    func itemCategories() {
        let potion = "id: potion-of-healing\nname: potion of healing\ncategory: potion\neffect: heal\npower: 100\ndamage: {min: 1, max: 2}\n"
        #expect(
            problems("items/potion-of-healing.yaml", potion) == [
                "6:1 'damage' does not apply to potion item 'potion-of-healing' (it is read for weapon only; remove it)"
            ]
        )
        #expect(
            problems("items/sword.yaml", "id: sword\nname: sword\ncategory: weapon\n") == [
                "1:1 weapon item 'sword' needs 'damage' (add 'damage: <damage>')"
            ]
        )
        #expect(
            problems("items/sword.yaml", "id: sword\nname: sword\ncategory: weapon\ndamage: {min: 7, max: 13}\nquantity: 3\n") == [
                "5:11 only throwable weapons come in stacks, but item 'sword' has quantity 3-3 (add 'throwable: true' or remove 'quantity')"
            ]
        )
        #expect(
            problems("items/potion-of-healing.yaml", "id: potion-of-healing\nname: potion of healing\ncategory: potion\neffect: heel\n") == [
                "4:9 'effect' in item 'potion-of-healing' must be a built-in effect (\(ItemEffect.allCases.map(\.rawValue).joined(separator: ", "))) or a plugin's '<plugin-id>.<name>'; found 'heel' (did you mean 'heal'?)"
            ]
        )
    }

    @Test("a profile's plugin stages must be <plugin-id>.<name>")
    func profileStages() throws {
        let upper = try String(contentsOfFile: corePlugin + "/generators/upper.yaml", encoding: .utf8)
        let lines = upper.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problems("generators/upper.yaml", upper + "stages: [alchemy.flooded-ruins]\n") == [])
        #expect(
            problems("generators/upper.yaml", upper + "stages: [flooded-ruins]\n") == [
                "\(lines):10 a stage in 'stages' of generator 'upper' must be '<plugin-id>.<name>', found 'flooded-ruins' (name a stage a plugin registers, like alchemy.flooded-ruins)"
            ]
        )
    }

    @Test("an item effect may call a native for its power; every part is checked")
    func nativeEffects() {
        let head = "id: brew\nname: brew\ncategory: potion\n"
        #expect(problems("items/brew.yaml", head + "effect: {native: alchemy.brew-strength, args: [depth, 3], then: heal}\n") == [])
        #expect(problems("items/brew.yaml", head + "effect: herbalism.tonic\n") == [])
        #expect(
            problems("items/brew.yaml", head + "effect: {native: brew-strength, args: [depht, lots], then: heel}\n") == [
                "4:18 'native' in effect of item 'brew' must be '<plugin-id>.<name>', found 'brew-strength' (name a native from a plugin's 'natives' list, like alchemy.brew-strength)",
                "4:40 unknown native argument 'depht' in effect of item 'brew' (did you mean 'depth'?)",
                "4:47 unknown native argument 'lots' in effect of item 'brew' (write one of depth, turn, power, player-hp, player-max-hp, player-strength, gold or a whole number -1000000...1000000)",
                "4:60 'then' in effect of item 'brew' must be a built-in effect (\(ItemEffect.allCases.map(\.rawValue).joined(separator: ", "))) or a plugin's '<plugin-id>.<name>'; found 'heel' (did you mean 'heal'?)",
            ]
        )
        #expect(
            problems("items/brew.yaml", head + "effect: {native: alchemy.brew-strength, args: [depth]}\n") == [
                "4:9 missing required field 'then' in effect of item 'brew' (add 'then: <text>')"
            ]
        )
    }

    @Test("population lines must cover every depth")
    func populationCoverage() {
        let spawns = "population:\n  - {depths: \"1-5\", monsters: 1, items: 1, gold: 1}\n  - {depths: \"9-25\", monsters: 1, items: 1, gold: 1}\n"
        #expect(
            problems("spawns.yaml", spawns) == [
                "1:1 no population line covers depths 6-8 (every depth from 1 to 26 needs a line)",
                "1:1 no population line covers depth 26 (every depth from 1 to 26 needs a line)",
            ]
        )
    }

    @Test("appearances need enough colours for the potions, and distinct names")
    func appearances() {
        let text = "potion-colors:\n  - {name: pink, color: \"#ff80c0\"}\n  - {name: pink, color: \"#ff80c1\"}\nscroll-syllables: [zor, vex]\n"
        #expect(
            problems("appearances.yaml", text) == [
                "3:12 potion colour 'pink' is listed twice; first at 2:12 (each disguise needs its own name)",
                "1:1 16 potion kinds but only 1 potion colours to disguise them (add 15 more colours to potion-colors)",
            ]
        )
    }
}
