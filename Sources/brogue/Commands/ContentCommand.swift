import ArgumentParser
import BrogueContent
import BrogueCore
import BroguePluginHost

struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Check and inspect YAML content.",
        subcommands: [Validate.self, List.self, Show.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check plugin folders or YAML files; exit 0 when valid, 1 with diagnostics.",
            discussion: """
                Each PATH is a plugin folder (with plugin.yaml) or a YAML file inside one. Every \
                problem is reported as file:line:column: error: what is wrong (and what to do).
                """
        )

        @Argument(help: "Plugin folders or YAML files to check (default: the content brogue would load).")
        var paths: [String] = []

        @OptionGroup var content: ContentOptions

        func run() throws {
            let found = try content.candidates().candidates
            let targets = paths.isEmpty ? found.map(\.folder) : paths
            // Plugins found the usual way stand in for the dependencies of the ones checked.
            let diagnostics = PluginSet.validate(targets, context: found)
            for d in diagnostics { Console.error(d.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if errors > 0 {
                Console.error("\(errors) error(s), \(warnings) warning(s) in \(targets.joined(separator: ", ")).")
                throw ExitCode(1)
            }
            print("ok: \(targets.joined(separator: ", ")) (\(warnings) warning(s))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the monsters, items, terrain, blueprints, bolts or runics the content defines."
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case monsters, items, terrain, blueprints, bolts, runics
        }

        @Argument(help: "What to list: monsters, items, terrain, blueprints, bolts or runics.")
        var kind: Kind

        @OptionGroup var content: ContentOptions

        func run() throws {
            let catalog = try content.load().catalog
            switch kind {
            case .monsters:
                let rows = catalog.monsters.map { m in
                    [
                        m.id, String(m.glyph), m.name, "\(m.hp)", "\(m.defense)", "\(m.accuracy)", m.damage.description,
                        "\(m.movementDuration)/\(m.attackDuration)", "\(m.xp)",
                    ]
                }
                print(Table.render(header: ["id", "glyph", "name", "hp", "def", "acc", "damage", "move/attack", "xp"], rows: rows))
            case .items:
                let rows = catalog.items.map { i in
                    [i.id, String(i.glyph), i.category.rawValue, i.name, detail(i)]
                }
                print(Table.render(header: ["id", "glyph", "category", "name", "details"], rows: rows))
            case .terrain:
                let rows = catalog.terrains.map { t in
                    [
                        t.id, String(t.glyph), t.layer.name, t.name,
                        TerrainFlags.names.filter { t.flags.contains($0.1) }.map(\.0).joined(separator: ","),
                    ]
                }
                print(Table.render(header: ["id", "glyph", "layer", "name", "flags"], rows: rows))
            case .blueprints:
                let rows = catalog.blueprints.map { b in
                    [
                        b.id, b.name, "\(b.depths.lowerBound)-\(b.depths.upperBound)", "\(b.frequency)",
                        "\(b.width.upperBound)x\(b.height.upperBound)", b.entrance ?? "open", "\(b.features.count)",
                    ]
                }
                print(Table.render(header: ["id", "name", "depths", "freq", "max size", "entrance", "features"], rows: rows))
            case .bolts:
                let rows = catalog.bolts.map { b in
                    [b.id, String(b.glyph), b.name, b.effect.rawValue, "\(b.reach)", b.passesThroughCreatures ? "yes" : "no"]
                }
                print(Table.render(header: ["id", "glyph", "name", "effect", "reach", "passes creatures"], rows: rows))
            case .runics:
                let rows = catalog.runics.map { r in
                    [
                        r.id, r.name, r.slot.rawValue + (r.bad ? " (bad)" : ""), r.rule.rawValue, "\(r.chance)+\(r.chancePerEnchant)/enchant",
                        "\(r.frequency)",
                    ]
                }
                print(Table.render(header: ["id", "name", "slot", "rule", "chance", "freq"], rows: rows))
            }
        }

        func detail(_ i: ItemKind) -> String {
            switch i.category {
            case .weapon:
                (i.damage.map { "damage \($0)" } ?? "") + " str \(i.strength)" + (i.throwable ? " thrown" : "")
                    + (i.attack != .normal ? " \(i.attack.rawValue)" : "") + (i.burstsInto.map { " bursts into \($0)" } ?? "")
            case .armor: "armor \(i.armor) str \(i.strength)"
            case .potion, .scroll:
                "effect \(i.effect ?? "-")" + (i.nativePower.map { " power \($0.native)(\($0.arguments.map(\.name).joined(separator: ", ")))" } ?? "")
                    + (i.power != 0 ? " power \(i.power)" : "") + (i.malevolent ? " malevolent" : "")
            case .food: "nutrition \(i.nutrition)"
            case .staff: "bolt \(i.bolt ?? "-") level \(i.charges.lowerBound)-\(i.charges.upperBound) recharge \(i.recharge)"
            case .wand: "bolt \(i.bolt ?? "-") charges \(i.charges.lowerBound)-\(i.charges.upperBound) power \(i.power)"
            case .ring: "ring \(i.ring?.rawValue ?? "-") level \(i.charges.lowerBound)-\(i.charges.upperBound) power \(i.power)"
            case .charm:
                "effect \(i.effect ?? "-") bolt \(i.bolt ?? "-") level \(i.charges.lowerBound)-\(i.charges.upperBound) power \(i.power)"
                    + " recharge \(i.recharge)"
            case .gold, .amulet, .key, .gem: ""
            }
        }
    }
}

/// Plain aligned text tables for listings.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, v in c == row.count - 1 ? v : v.padding(toLength: widths[c]) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
