import ArgumentParser
import BrogueContent
import BrogueCore

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Print one level of a seed's dungeon as text, with a legend.",
        discussion: """
            The level is the one a game with this seed finds at this depth, with its first \
            monsters and items (the player stands on the up stairs). For modders checking a \
            generator profile, and for tests.
            """
    )

    @Option(help: "The game's seed (0 to 2^64-1).")
    var seed: UInt64 = 1

    @Option(help: "The depth to print, from 1 to the content's deepest (40 in the core game).")
    var depth: Int = 1

    @Flag(help: "Plain ASCII glyphs instead of Unicode.")
    var ascii = false

    @Flag(help: "Terrain only: no monsters, items or player.")
    var terrainOnly = false

    @Flag(help: "End each legend line with where it is on the map (x,y; terrain shown in more than 8 cells: the count).")
    var legend = false

    @Option(
        help:
            "Instead of printing, check every level of seeds 1...N (every depth of the content's dungeon, populated) against the generator's invariants."
    )
    var verify: Int?

    @OptionGroup var content: ContentOptions

    func validate() throws {
        guard (1...Dungeon.deepestLevel).contains(depth) else {
            throw ValidationError("--depth must be between 1 and \(Dungeon.deepestLevel) (got \(depth)).")
        }
        if let verify, verify < 1 { throw ValidationError("--verify needs a seed count of 1 or more (got \(verify)).") }
    }

    func run() throws {
        let catalog = try content.load().catalog
        if let verify {
            try Self.verify(seeds: verify, catalog: catalog)
            return
        }
        guard depth <= catalog.deepestLevel else {
            throw ValidationError("--depth must be between 1 and \(catalog.deepestLevel), this content's deepest depth (got \(depth)).")
        }
        var game = Game(seed: seed, catalog: catalog)
        if depth > 1 { game.visit(depth: depth) }
        print(Self.render(game, ascii: ascii, terrainOnly: terrainOnly, positions: legend))
    }

    /// Checks `LevelInvariants` on every level of seeds 1...seeds as a game builds and
    /// populates them, and that generating a level again gives the same terrain.
    static func verify(seeds: Int, catalog: ContentCatalog) throws {
        var failures = 0
        for seed in 1...seeds {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 1...catalog.deepestLevel {
                if depth > 1 { game.visit(depth: depth) }
                var problems = LevelInvariants.problems(game.level)
                // The deepest level's stairs down give way to what lies there, so it differs from a fresh one.
                if depth < catalog.deepestLevel {
                    let again = LevelGenerator.standard.generate(depth: depth, seed: game.levelSeeds[depth - 1], catalog: catalog)
                    if again.layers != game.level.layers { problems.append("generating again gives a different level") }
                }
                if !problems.isEmpty {
                    failures += 1
                    print("seed \(seed) depth \(depth): \(problems.joined(separator: "; "))")
                }
            }
        }
        print("verified \(seeds * catalog.deepestLevel) levels (seeds 1-\(seeds) x depths 1-\(catalog.deepestLevel)): \(failures) with problems")
        if failures > 0 { throw ExitCode(1) }
    }

    /// The map, a blank line, then the legend: one line per glyph shown; with `positions`, each
    /// line ends with where that thing is.
    static func render(_ game: Game, ascii: Bool, terrainOnly: Bool, positions: Bool = false) -> String {
        let catalog = game.catalog
        let level = game.level
        var legend: [(glyph: Character, what: String, at: [Point])] = []
        var p = Point(0, 0)
        func note(_ c: Character, _ what: String) {
            if let i = legend.firstIndex(where: { $0.glyph == c && $0.what == what }) {
                legend[i].at.append(p)
            } else {
                legend.append((c, what, [p]))
            }
        }
        var lines: [String] = []
        lines.append("seed \(game.seed) depth \(level.depth) (profile '\(catalog.generatorProfile(at: level.depth).id)')")
        for y in 0..<Dungeon.height {
            var row = ""
            for x in 0..<Dungeon.width {
                p = Point(x, y)
                if !terrainOnly {
                    if p == game.player.position {
                        row.append("@")
                        note("@", "you")
                        continue
                    }
                    if let m = game.monsters.first(where: { $0.position == p }) {
                        let k = catalog.monsters[m.kind]
                        row.append(k.glyph)
                        note(k.glyph, k.name)
                        continue
                    }
                    if let i = level.itemIndex(at: p) {
                        let k = catalog.items[level.items[i].item.kind]
                        row.append(k.glyph)
                        note(k.glyph, k.name)
                        continue
                    }
                }
                var best: TerrainKind?
                for layer in TerrainLayer.allCases {
                    guard let t = level.terrain(layer, at: p) else { continue }
                    let k = catalog.terrains[t]
                    if best == nil || k.drawPriority < best!.drawPriority { best = k }
                }
                guard let k = best else {
                    row.append(" ")
                    continue
                }
                let g = ascii ? k.asciiGlyph : k.glyph
                row.append(g)
                if g != " " { note(g, k.id + (k.flags.contains(.isSecret) ? " (secret)" : "")) }
            }
            while row.last == " " { row.removeLast() }
            lines.append(row)
        }
        lines.append("")
        for (g, what, at) in legend {
            guard positions else {
                lines.append("\(g)  \(what)")
                continue
            }
            let places = at.count > 8 ? "\(at.count) cells" : "at " + at.map { "\($0.x),\($0.y)" }.joined(separator: " ")
            lines.append("\(g)  \(what)".padding(toLength: 28) + "  " + places)
        }
        return lines.joined(separator: "\n")
    }
}
