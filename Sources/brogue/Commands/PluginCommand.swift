import ArgumentParser
import BroguePluginHost
import Foundation

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "List the plugins found and what became of them; scaffold a new plugin; the native plugin SDK.",
        subcommands: [List.self, New.self, SDK.self]
    )

    struct SDK: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sdk",
            abstract: "Print where the plugin ABI header is and how to compile a C plugin against it.",
            discussion: """
                The header is looked for in $BROGUE_SDK/include, in PluginKit/Sources/CBroguePlugin/include \
                under the current folder and the folders above the binary, and in share/brogue/include \
                beside the binary. In a script: cc -shared -fPIC -I "$(brogue plugin sdk --include-dir)" ...
                """
        )

        @Flag(help: "Print only the folder to pass to -I.")
        var includeDir = false

        func run() throws {
            guard let include = Self.locateInclude() else {
                Console.error(
                    "brogue: brogue_plugin.h not found; looked in:\n  " + Self.candidates().joined(separator: "\n  ")
                        + "\nSet BROGUE_SDK to the folder that holds include/brogue_plugin.h."
                )
                throw ExitCode(1)
            }
            if includeDir {
                print(include)
                return
            }
            let example = Self.kitPackage(include: include).deletingLastPathComponent().appendingPathComponent("Plugins/ExampleC")
            print(
                "Brogue native plugin SDK, ABI \(PluginABIVersion.host) (a plugin built for \(PluginABIVersion.host.major).0 to \(PluginABIVersion.host) loads)"
            )
            print("header:   \(include)/brogue_plugin.h")
            print("include:  \(include)")
            if FileManager.default.fileExists(atPath: example.appendingPathComponent("plugin.yaml").path) {
                print("example:  \(example.path)")
            }
            print("exports:  brogue_plugin_abi, brogue_plugin_init (and any functions named in plugin.yaml natives:)")
            print("compile a C plugin:")
            print("  cc -shared -fPIC -O2 -I \(include) -o libmyplugin.so myplugin.c")
            print("docs:     docs/plugins.md")
        }

        /// Where the header lies in a source checkout.
        static let headerFolder = "PluginKit/Sources/CBroguePlugin/include"

        /// The plugin kit package that holds `include` (`<kit>/Sources/CBroguePlugin/include`).
        static func kitPackage(include: String) -> URL {
            URL(fileURLWithPath: include).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }

        static func candidates() -> [String] {
            var out: [String] = []
            if let sdk = ProcessInfo.processInfo.environment["BROGUE_SDK"], !sdk.isEmpty { out.append(sdk + "/include") }
            out.append(FileManager.default.currentDirectoryPath + "/" + headerFolder)
            var dir = Executable.folder
            // .build/<triple>/<config>/brogue -> the package root is three folders up.
            for _ in 0..<5 {
                out.append(dir.appendingPathComponent(headerFolder).path)
                out.append(dir.appendingPathComponent("share/brogue/include").path)
                dir = dir.deletingLastPathComponent()
            }
            return out
        }

        static func locateInclude() -> String? {
            candidates().first { FileManager.default.fileExists(atPath: $0 + "/brogue_plugin.h") }
                .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        }
    }
}
