import ArgumentParser
import BroguePluginHost
import Foundation

extension PluginCommand {
    /// `brogue plugin new NAME --lang swift|c [--output DIR]`: a plugin folder that builds outside this repository.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Scaffold a native plugin (C or Swift) that builds outside this repository.",
            discussion: """
                C: a Makefile that compiles against the installed brogue_plugin.h (`brogue plugin sdk`). \
                Swift: a Package.swift that depends on this Brogue checkout by absolute path for \
                BroguePluginKit and builds a dynamic library. The folder's README says how to build and load it.
                """
        )

        enum Language: String, ExpressibleByArgument, CaseIterable {
            case swift, c
        }

        @Argument(help: "The plugin's id, kebab-case: lower-case letters and digits in words joined by '-' (e.g. my-plugin).")
        var name: String

        @Option(help: "swift or c.")
        var lang: Language

        @Option(help: "The folder to create (default: ./NAME). It must not exist or be empty.")
        var output: String?

        func run() throws {
            do {
                let dir = try Scaffold.create(name: name, lang: lang, output: output)
                print("created \(lang == .c ? "C" : "Swift") plugin '\(name)' in \(dir.path)")
                print("next: see \(dir.appendingPathComponent("README.md").path)")
            } catch {
                Console.error("brogue: plugin new: \(error.message)")
                throw ExitCode(1)
            }
        }
    }
}

enum Scaffold {
    struct Failure: Error {
        let message: String
    }

    static func isKebab(_ name: String) -> Bool {
        let words = name.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return !words.isEmpty
            && words.allSatisfy { w in !w.isEmpty && w.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } }
    }

    /// my-plugin -> MyPlugin (the Swift module and product).
    static func camel(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// my-plugin -> my_plugin (the C file and library).
    static func snake(_ name: String) -> String { name.replacingOccurrences(of: "-", with: "_") }

    @discardableResult
    static func create(name: String, lang: PluginCommand.New.Language, output: String?) throws(Failure) -> URL {
        guard isKebab(name) else {
            throw Failure(
                message:
                    "'\(name)' is not a valid plugin name; use kebab-case: lower-case letters and digits in words joined by '-', starting with a letter (e.g. my-plugin)"
            )
        }
        let dir = URL(fileURLWithPath: output ?? name, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Failure(message: "\(dir.path) exists and is not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            guard entries.isEmpty else { throw Failure(message: "\(dir.path) exists and is not empty; choose another --output") }
        }
        guard let include = PluginCommand.SDK.locateInclude() else {
            throw Failure(
                message: "brogue_plugin.h not found (see `brogue plugin sdk`); set BROGUE_SDK to the folder that holds include/brogue_plugin.h"
            )
        }
        var files: [(String, String)]
        switch lang {
        case .c:
            files = cFiles(name: name, include: include)
        case .swift:
            // The package that holds the header also holds BroguePluginKit: <kit>/Sources/CBroguePlugin/include.
            let kit = PluginCommand.SDK.kitPackage(include: include)
            guard FileManager.default.fileExists(atPath: kit.appendingPathComponent("Sources/BroguePluginKit").path),
                FileManager.default.fileExists(atPath: kit.appendingPathComponent("Package.swift").path)
            else {
                throw Failure(
                    message: "a Swift plugin needs the plugin kit package (BroguePluginKit), but the SDK at \(include) is not in one; "
                        + "set BROGUE_SDK to <checkout>/PluginKit/Sources/CBroguePlugin"
                )
            }
            files = swiftFiles(name: name, kit: kit.path)
        }
        do {
            for (path, text) in files {
                let file = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
        } catch {
            throw Failure(message: "cannot write \(dir.path): \(error.localizedDescription)")
        }
        return dir
    }

    static func cFiles(name: String, include: String) -> [(String, String)] {
        let lib = snake(name)
        let source = """
            /* \(name): a native Brogue plugin in C. Build with `make`; see README.md. */
            #include <brogue_plugin.h>
            #include <stdio.h>

            BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
                brogue_abi_version v = {BROGUE_PLUGIN_ABI_MAJOR, BROGUE_PLUGIN_ABI_MINOR};
                return v;
            }

            /* The monster behaviour "\(name)": keeps its distance. Closer to the player than 4 cells, it
               steps straight away when it can; otherwise the built-in AI decides. It says so once in
               the log (standard error), so `brogue sim` shows it acting. */
            static brogue_status act(const brogue_host_api *host, brogue_game *game, brogue_point monster, brogue_intent *intent) {
                static int said;
                brogue_point player = host->player_position(game);
                int32_t dx = monster.x - player.x, dy = monster.y - player.y;
                intent->kind = BROGUE_INTENT_DEFAULT;
                if (dx * dx + dy * dy >= 16) return BROGUE_STATUS_OK;
                brogue_point away = {monster.x + (dx > 0) - (dx < 0), monster.y + (dy > 0) - (dy < 0)};
                if (host->terrain_flags(game, away) & (BROGUE_TERRAIN_BLOCKS_MOVE | BROGUE_TERRAIN_OUT_OF_BOUNDS)) return BROGUE_STATUS_OK;
                intent->kind = BROGUE_INTENT_MOVE;
                intent->target = away;
                if (!said) {
                    said = 1;
                    host->log(BROGUE_LOG_INFO, "\(name): a monster keeps its distance");
                }
                return BROGUE_STATUS_OK;
            }

            BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len) {
                if (host->abi_major != BROGUE_PLUGIN_ABI_MAJOR) {
                    snprintf(error, error_len, "\(name) needs plugin ABI %d.x", BROGUE_PLUGIN_ABI_MAJOR);
                    return BROGUE_STATUS_ERROR;
                }
                brogue_monster_behavior b = {sizeof b, "\(name)", act};
                if (registrar->register_monster_behavior(registrar->state, &b) != BROGUE_STATUS_OK) {
                    snprintf(error, error_len, "\(name): the behaviour was refused");
                    return BROGUE_STATUS_ERROR;
                }
                return BROGUE_STATUS_OK;
            }

            """
        let makefile = """
            # Builds lib\(lib).so against the Brogue plugin header. Override with
            #   make BROGUE_INCLUDE="$$(brogue plugin sdk --include-dir)"
            BROGUE_INCLUDE ?= \(include)
            CC ?= cc

            lib\(lib).so: Sources/\(lib).c
            \t$(CC) -shared -fPIC -O2 -Wall -I "$(BROGUE_INCLUDE)" -o $@ $<

            clean:
            \trm -f lib\(lib).so

            .PHONY: clean

            """
        let readme = """
            # \(name)

            A native Brogue plugin in C (plugin ABI \(PluginABIVersion.host)), made by `brogue plugin new \(name) --lang c`.

            It registers the monster behaviour `\(name).\(name)` (keep your distance), and its content
            adds the monster `\(name)-shade`, which uses it, on depths 1-3 (`monsters/`, `spawns.yaml`).

            Build (needs a C compiler):

            ```sh
            make                      # or, by hand:
            cc -shared -fPIC -O2 -I "$(brogue plugin sdk --include-dir)" -o lib\(lib).so Sources/\(lib).c
            ```

            Check it, then play with it (brogue loads every plugin on `BROGUE_PLUGIN_PATH`):

            ```sh
            brogue content validate .
            export BROGUE_PLUGIN_PATH=$PWD
            brogue plugin list        # \(name) loaded, with its behaviour
            brogue sim --seed 1       # the log says when a shade keeps its distance
            ```

            Content refers to what it registers as `\(name).<name>` (a monster's `behaviour: \(name).\(name)`).
            The contract is `brogue_plugin.h` (`brogue plugin sdk` prints where it is); see docs/plugins.md.

            """
        return [
            ("plugin.yaml", manifest(name: name, library: "lib\(lib).so")),
            ("Sources/\(lib).c", source), ("Makefile", makefile), ("README.md", readme), (".gitignore", "*.so\n"),
        ] + content(name: name)
    }

    static func swiftFiles(name: String, kit: String) -> [(String, String)] {
        let module = camel(name)
        let identity = URL(fileURLWithPath: kit).lastPathComponent
        let package = """
            // swift-tools-version:6.1
            // \(name): a native Brogue plugin in Swift. `swift build -c release` builds lib\(module).so.
            import PackageDescription

            let package = Package(
                name: "\(module)",
                platforms: [.macOS(.v14)],
                products: [
                    .library(name: "\(module)", type: .dynamic, targets: ["\(module)"]),
                ],
                dependencies: [
                    // Brogue's plugin kit (the ABI header and BroguePluginKit), from the checkout this plugin was made from.
                    .package(path: "\(kit)"),
                ],
                targets: [
                    .target(name: "\(module)", dependencies: [.product(name: "BroguePluginKit", package: "\(identity)")]),
                ]
            )

            """
        let source = """
            // \(name): a native Brogue plugin in Swift, on BroguePluginKit. See README.md.
            import BroguePluginKit

            struct \(module): BroguePlugin {
                static func register(_ registrar: inout Registrar) throws {
                    // The monster behaviour "\(name)": keeps its distance. Closer to the player than 4 cells,
                    // it steps straight away when it can; otherwise the built-in AI decides. It says so once
                    // in the log (standard error), so `brogue sim` shows it acting.
                    try registrar.behaviour("\(name)") { game, monster in
                        let player = game.playerPosition
                        let (dx, dy) = (monster.x - player.x, monster.y - player.y)
                        guard dx * dx + dy * dy < 16 else { return .default }
                        let away = Point(x: monster.x + dx.signum(), y: monster.y + dy.signum())
                        guard game.terrain(at: away).isDisjoint(with: [.blocksMove, .outOfBounds]) else { return .default }
                        Said.once { game.log(.info, "\(name): a monster keeps its distance") }
                        return .move(to: away)
                    }
                    registrar.host.log(.debug, "\(name) ready")
                }
            }

            /// Logs a line the first time only; callbacks come from one thread at a time.
            enum Said {
                nonisolated(unsafe) static var done = false
                static func once(_ say: () -> Void) {
                    guard !done else { return }
                    done = true
                    say()
                }
            }

            // The two functions every native plugin exports; the kit does the work.
            @_cdecl("brogue_plugin_abi")
            public func brogue_plugin_abi() -> brogue_abi_version { PluginKit.abi() }

            @_cdecl("brogue_plugin_init")
            public func brogue_plugin_init(
                _ host: UnsafePointer<brogue_host_api>?, _ registrar: UnsafeMutablePointer<brogue_registrar>?,
                _ error: UnsafeMutablePointer<CChar>?, _ errorLength: Int
            ) -> brogue_status {
                PluginKit.initialize(\(module).self, host, registrar, error, errorLength)
            }

            """
        let readme = """
            # \(name)

            A native Brogue plugin in Swift (plugin ABI \(PluginABIVersion.host)), made by `brogue plugin new \(name) --lang swift`.
            It depends on Brogue's plugin kit at `\(kit)` (by path) for `BroguePluginKit`, a small
            package with no dependencies; if that checkout moves, fix the path in `Package.swift`.

            It registers the monster behaviour `\(name).\(name)` (keep your distance), and its content
            adds the monster `\(name)-shade`, which uses it, on depths 1-3 (`monsters/`, `spawns.yaml`).

            Build (seconds: only the kit and this plugin are compiled):

            ```sh
            swift build -c release
            ls .build/release/lib\(module).so
            ```

            Check it, then play with it (brogue loads every plugin on `BROGUE_PLUGIN_PATH`):

            ```sh
            brogue content validate .
            export BROGUE_PLUGIN_PATH=$PWD
            brogue plugin list        # \(name) loaded, with its behaviour
            brogue sim --seed 1       # the log says when a shade keeps its distance
            ```

            Content refers to what it registers as `\(name).<name>` (a monster's `behaviour: \(name).\(name)`).
            Use only `game.random(below:)` for randomness, so games replay. See docs/plugins.md
            ("Write a plugin in Swift") in the Brogue checkout.

            """
        return [
            // A bare file name: found in the package's .build/debug or .build/release, whichever is newer.
            ("plugin.yaml", manifest(name: name, library: "lib\(module).so")),
            ("Package.swift", package), ("Sources/\(module)/\(module).swift", source), ("README.md", readme),
            (".gitignore", ".build/\nPackage.resolved\n"),
        ] + content(name: name)
    }

    static func manifest(name: String, library: String) -> String {
        """
        id: \(name)
        name: \(name)
        version: 0.1.0
        abi: "\(PluginABIVersion.host)"
        library: \(library)
        # It adds to the core game, so core loads first.
        depends: [core]
        content:
          monsters: ["monsters/*.yaml"]
          spawns: ["spawns.yaml"]

        """
    }

    /// A small monster that uses the plugin's behaviour, and where it spawns.
    static func content(name: String) -> [(String, String)] {
        let monster = """
            id: \(name)-shade
            name: "\(name.replacingOccurrences(of: "-", with: " ")) shade"
            glyph: "s"
            color: "#7f8fd0"
            hp: 7
            defense: 0
            accuracy: 70
            damage: {min: 1, max: 2}
            xp: 2
            behaviour: \(name).\(name)
            description: "A flicker at the edge of the light. It never lets you come close."

            """
        let spawns = """
            monsters:
              - {monster: \(name)-shade, depths: "1-3", weight: 60}

            """
        return [("monsters/\(name)-shade.yaml", monster), ("spawns.yaml", spawns)]
    }
}
