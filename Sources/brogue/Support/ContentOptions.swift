import ArgumentParser
import BrogueContent
import BrogueCore
import Foundation

/// Where to find content plugins; shared by every command that loads content.
struct ContentOptions: ParsableArguments {
    @Option(
        name: .customLong("content"),
        help: ArgumentHelp("A plugin folder to load (repeat for more; later ones override earlier ones).", valueName: "path")
    )
    var paths: [String] = []

    /// The plugin folders to load, from flags, the environment, or the default locations.
    func resolvedPaths() throws -> [String] {
        if !paths.isEmpty { return paths }
        if let env = ProcessInfo.processInfo.environment["BROGUE_CONTENT_PATH"], !env.isEmpty {
            return env.split(separator: ":").map(String.init)
        }
        for candidate in Self.defaultCandidates() where FileManager.default.fileExists(atPath: candidate + "/plugin.yaml") {
            return [candidate]
        }
        throw ValidationError(
            "no content found: looked for content/core in the current folder and beside the binary. "
                + "Run from the project folder, or pass --content PATH (or set BROGUE_CONTENT_PATH)."
        )
    }

    static func defaultCandidates() -> [String] {
        var out = [FileManager.default.currentDirectoryPath + "/content/core"]
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // .build/<triple>/<config>/brogue -> the package root is three folders up.
        var dir = exe
        for _ in 0..<4 {
            out.append(dir.appendingPathComponent("content/core").path)
            out.append(dir.appendingPathComponent("share/brogue/content/core").path)
            dir = dir.deletingLastPathComponent()
        }
        return out
    }

    /// Loads the content or exits with every diagnostic on standard error.
    func load() throws -> LoadedContent {
        let folders = try resolvedPaths()
        do {
            let loaded = try ContentLoader().load(plugins: folders)
            for w in loaded.warnings { Console.error(w.description) }
            return loaded
        } catch {
            for d in error.diagnostics { Console.error(d.description) }
            Console.error("brogue: the content in \(folders.joined(separator: ", ")) has \(error.errors.count) error(s); fix them and run again.")
            throw ExitCode(1)
        }
    }
}

enum Console {
    static func error(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Rewrites one status line on standard error (a terminal); an empty text clears it.
    static func progress(_ s: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + s).utf8))
    }
}
