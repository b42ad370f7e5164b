import ArgumentParser
import BrogueContent

extension ContentCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one entry as loaded (every field); with --origin, the plugin and file:line of each field.",
            discussion: """
                KIND is \(Self.kindNames) (singular or plural). The entry is printed as it is after \
                every plugin's overrides and patches; a field left out prints its default.
                  brogue content show monster goblin --origin
                """
        )

        /// The kinds `show` takes, as the loader names them ("monster, item, ... or blueprint").
        static var kindNames: String {
            let names = ContentEntry.kinds.map { ContentLoader.schema(for: $0).tables[0].name }
            return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        }

        @Argument(help: ArgumentHelp("The kind: \(Self.kindNames)."))
        var kind: String

        @Argument(help: "The entry's id.")
        var id: String

        @Flag(help: "Say which plugin, file and line each field came from.")
        var origin = false

        @OptionGroup var content: ContentOptions

        func run() throws {
            let names = ContentEntry.kinds.map { (ContentLoader.schema(for: $0).tables[0].name, $0) }
            guard let chosen = names.first(where: { $0.0 == kind || $0.1.rawValue == kind || $0.0 + "s" == kind })?.1 else {
                throw ValidationError("unknown kind '\(kind)'; use one of \(names.map(\.0).joined(separator: ", "))")
            }
            let label = ContentLoader.schema(for: chosen).tables[0].name
            let loaded = try content.load()
            guard let entry = loaded.entry(chosen, id) else {
                let hint = loaded.closestID(chosen, to: id).map { " (did you mean '\($0)'?)" } ?? ""
                Console.error("brogue: the loaded content has no \(label) '\(id)'\(hint); brogue content list \(chosen.rawValue) lists them.")
                throw ExitCode(1)
            }
            print("# \(label) '\(entry.id)'")
            for layer in entry.layers {
                let o = layer.origin
                print("#   \(layer.action) by plugin '\(o.plugin)' at \(o.file):\(o.line):\(o.column)")
            }
            print(entry.render(origins: origin))
        }
    }
}
