import ArgumentParser
import BrogueContent
import BrogueCore
import BroguePluginHost

extension PluginCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every plugin found: id, version, kind, loaded or refused (and why), where it was found.",
            discussion: """
                Plugins are found in content/ (or --content, BROGUE_CONTENT_PATH), --plugin, BROGUE_PLUGIN_PATH, \
                the settings file's plugins: list and Plugins/, and loaded in the order their depends: give. A plugin \
                that is not required and cannot be loaded is refused and the others load without it; the command \
                exits 1 when a required one cannot be loaded.
                """
        )

        @OptionGroup var content: ContentOptions

        @Option(
            name: .customLong("config"),
            help: ArgumentHelp("Settings file (default: $BROGUE_CONFIG, else ~/.config/brogue/brogue.yaml).", valueName: "file")
        )
        var config: String?

        func run() throws {
            let (candidates, notes) = try content.candidates(config: config)
            for note in notes { Console.error("brogue: skipped \(note)") }
            let set = PluginSet.load(candidates)
            let rows = set.report.plugins.map { s in
                [
                    s.manifest?.id ?? "?", s.manifest?.version ?? "?", s.manifest?.kind ?? "?",
                    s.isLoaded ? (set.content == nil ? "not loaded" : "loaded") : "refused",
                    s.candidate.source + (s.candidate.required ? " (required)" : ""), s.candidate.folder,
                ]
            }
            print(Table.render(header: ["id", "version", "kind", "status", "found in", "folder"], rows: rows))
            for s in set.report.plugins {
                let name = s.manifest?.id ?? s.candidate.folder
                if let refusal = s.refusal {
                    print("  \(name): refused: \(ContentOptions.reason(refusal))")
                    let more = s.diagnostics.filter { $0.severity == .error }.count - 1
                    if more > 0 { print("  \(name): and \(more) more error(s); brogue content validate \(s.candidate.folder) lists them") }
                } else if let library = s.library, let native = set.native(library.pluginID) {
                    var parts = ["library \(library.path) (hash \(library.hash.hex16)), ABI \(native.abi)"]
                    if !native.behaviourNames.isEmpty { parts.append("behaviours " + native.behaviours.map(\.qualifiedName).joined(separator: ", ")) }
                    if !native.itemEffectNames.isEmpty {
                        parts.append("item effects " + native.itemEffects.map(\.qualifiedName).joined(separator: ", "))
                    }
                    if !native.eventHookNames.isEmpty {
                        parts.append("event hooks " + native.eventHooks.map(\.qualifiedName).joined(separator: ", "))
                    }
                    if !native.generatorStageNames.isEmpty {
                        parts.append("generator stages " + native.generatorStages.map(\.qualifiedName).joined(separator: ", "))
                    }
                    if !native.natives.isEmpty {
                        parts.append("natives " + native.natives.map { "\(library.pluginID).\($0.name)" }.joined(separator: ", "))
                    }
                    print("  \(name): " + parts.joined(separator: "; "))
                }
            }
            guard let loaded = set.content else {
                for d in set.report.diagnostics { Console.error(d.description) }
                Console.error("brogue: a required plugin could not be loaded, so no content loads; fix the errors above.")
                throw ExitCode(1)
            }
            print(
                "content hash \(loaded.catalog.contentHash.hex16) from \(loaded.plugins.count) plugin(s): \(loaded.manifests.map(\.id).joined(separator: ", "))"
            )
        }
    }
}
