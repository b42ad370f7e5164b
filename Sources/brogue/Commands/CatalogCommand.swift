import ArgumentParser
import BrogueContent
import BrogueCore
import Foundation

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List what each seed's dungeon holds: items (marked when in a vault) and notable monsters, or every one of a kind.",
        discussion: """
            Every level is generated and populated as a game with that seed finds it on a \
            first visit. Items are listed with their true names; monsters only when notable: \
            captives, the leaders of hordes, and the guardians and sleepers of machines. The \
            'machine' column names the vault, altar room or other machine a line lies in.

            Examples:
              brogue catalog --seeds 1-25                       seeds 1 to 25, every depth
              brogue catalog --seeds 7 --depths 3-5             one seed, three depths
              brogue catalog --seeds 1-100 --format csv > c.csv
              brogue catalog --seeds 1-50 --monster ice-wisp    every ice wisp, lone or in a horde
              brogue catalog --seeds 1-50 --item dagger         every dagger on the floor

            The test suite compares `brogue catalog --seeds 1-25` with the checked-in \
            Tests/BrogueCLITests/Fixtures/catalog-seeds-1-25.txt, so any change to level \
            generation shows. After an intended change, regenerate it with \
            scripts/regenerate-catalog.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Option(help: ArgumentHelp("Seeds to list: one seed (7) or a range (1-25).", valueName: "A-B"))
    var seeds: String = "1"

    @Option(help: ArgumentHelp("Depths to list: one depth or a range within the content's depths (all of them by default).", valueName: "A-B"))
    var depths: String?

    @Option(help: "Output format: text (aligned, for reading), json (an array of objects) or csv (with a header line).")
    var format: Format = .text

    @Option(help: ArgumentHelp("List only this monster kind (its id), every one of them: alone, leading or in a horde.", valueName: "id"))
    var monster: String?

    @Option(help: ArgumentHelp("List only this item kind (its id).", valueName: "id"))
    var item: String?

    @Flag(help: "Print no progress on standard error, even on a terminal.")
    var quiet = false

    @OptionGroup var content: ContentOptions

    func validate() throws {
        guard let s = Self.range(seeds), s.lowerBound >= 0 else {
            throw ValidationError("--seeds takes a seed or a range such as 1-25 (got '\(seeds)').")
        }
        _ = s
        if let depths {
            guard let d = Self.range(depths), d.lowerBound >= 1, d.upperBound <= Dungeon.deepestLevel else {
                throw ValidationError("--depths takes a depth or a range within 1-\(Dungeon.deepestLevel), such as 3-5 (got '\(depths)').")
            }
        }
        guard monster == nil || item == nil else { throw ValidationError("give --monster or --item, not both.") }
    }

    /// "7" or "1-25" (low to high) as a range.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, let a = Int(parts[0]), let b = parts.count == 2 ? Int(parts[1]) : a, a <= b else { return nil }
        return a...b
    }

    func run() throws {
        let loaded = try content.load()
        let catalog = loaded.catalog
        let only = try wanted(loaded)
        let seedRange = Self.range(seeds)!
        let depthRange = depths.flatMap(Self.range) ?? 1...catalog.deepestLevel
        guard depthRange.upperBound <= catalog.deepestLevel else {
            throw ValidationError(
                "--depths goes to \(depthRange.upperBound), below this content's deepest depth \(catalog.deepestLevel); give a range within 1-\(catalog.deepestLevel)."
            )
        }
        let progress = !quiet && isatty(STDERR_FILENO) == 1 && seedRange.count > 1
        var out = Output(format: format)
        var found = 0
        out.begin()
        for (i, seed) in seedRange.enumerated() {
            var entries = SeedCatalog.entries(seed: UInt64(seed), depths: depthRange, catalog: catalog, everyMonster: only?.kind == .monster)
            if let only { entries = entries.filter { $0.kind == only.kind && $0.kindID == only.id } }
            found += entries.count
            out.write(seed: UInt64(seed), depths: depthRange, entries, skipEmpty: only != nil)
            if progress { Console.progress("catalog: seed \(seed) (\(i + 1) of \(seedRange.count))") }
        }
        if progress { Console.progress("") }
        out.end()
        if let only, found == 0 {
            Console.error(
                "brogue: no \(only.kind.rawValue) '\(only.id)' in seeds \(seeds), depths \(depthRange.lowerBound)-\(depthRange.upperBound); check its spawn depths and weight."
            )
        }
    }

    /// The kind `--monster` or `--item` names, checked against the content.
    func wanted(_ loaded: LoadedContent) throws -> (kind: SeedCatalog.Kind, id: String)? {
        let (kind, id, contentKind): (SeedCatalog.Kind, String, ContentKind)
        if let monster {
            (kind, id, contentKind) = (.monster, monster, .monsters)
        } else if let item {
            (kind, id, contentKind) = (.item, item, .items)
        } else {
            return nil
        }
        guard loaded.entry(contentKind, id) != nil else {
            let hint = loaded.closestID(contentKind, to: id).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("the content has no \(kind.rawValue) '\(id)'\(hint); brogue content list \(contentKind.rawValue) lists them.")
        }
        return (kind, id)
    }

    /// Streams the catalog in one format, one seed at a time, so memory stays flat.
    struct Output {
        let format: Format
        var first = true

        init(format: Format) { self.format = format }

        mutating func begin() {
            switch format {
            case .json: emit("[")
            case .csv: emit("seed,depth,kind,x,y,name,machine,note")
            case .text: break
            }
        }

        mutating func end() {
            if format == .json { emit(first ? "]" : "\n]") }
        }

        /// - Parameter skipEmpty: leave out seeds and depths with no entries (a search for one kind).
        mutating func write(seed: UInt64, depths: ClosedRange<Int>, _ entries: [SeedCatalog.Entry], skipEmpty: Bool = false) {
            switch format {
            case .text:
                if skipEmpty && entries.isEmpty { return }
                var lines = ["seed \(seed)"]
                for depth in depths {
                    if skipEmpty && !entries.contains(where: { $0.depth == depth }) { continue }
                    lines.append("  depth \(depth)")
                    for e in entries where e.depth == depth {
                        let place = "\(e.position.x),\(e.position.y)".padding(toLength: 6)
                        var line = "    \(e.kind.rawValue.padding(toLength: 8))\(place) \(e.name)"
                        if let m = e.machine { line += "  [\(m)]" }
                        if let n = e.note { line += "  (\(n))" }
                        lines.append(line)
                    }
                }
                emit(lines.joined(separator: "\n"))
            case .csv:
                for e in entries {
                    let fields = [
                        "\(e.seed)", "\(e.depth)", e.kind.rawValue, "\(e.position.x)", "\(e.position.y)", e.name, e.machine ?? "", e.note ?? "",
                    ]
                    emit(fields.map(Self.csv).joined(separator: ","))
                }
            case .json:
                for e in entries {
                    var fields = [
                        "\"seed\":\(e.seed)", "\"depth\":\(e.depth)", "\"kind\":\(Self.json(e.kind.rawValue))", "\"x\":\(e.position.x)",
                        "\"y\":\(e.position.y)", "\"name\":\(Self.json(e.name))",
                    ]
                    fields.append("\"machine\":" + (e.machine.map(Self.json) ?? "null"))
                    fields.append("\"note\":" + (e.note.map(Self.json) ?? "null"))
                    emit((first ? "\n" : ",\n") + "{" + fields.joined(separator: ",") + "}", newline: false)
                    first = false
                }
            }
        }

        func emit(_ s: String, newline: Bool = true) {
            FileHandle.standardOutput.write(Data((newline ? s + "\n" : s).utf8))
        }

        static func csv(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }

        static func json(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if u.value < 0x20 {
                        out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        }
    }
}
