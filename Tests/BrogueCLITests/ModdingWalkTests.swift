import Foundation
import Testing

/// docs/modding.md's walk from an empty folder to a monster with a C behaviour, run as written:
/// every fenced block whose info string is `<lang> walk:<path>` is written to that path, and every
/// `sh walk` block is run, in page order, in one shell in an empty folder with `brogue` on PATH.
@Suite struct ModdingWalkTests {
    enum Step: Equatable {
        case file(path: String, text: String)
        case shell(String)
    }

    /// The page's walk steps, in order.
    static func steps(of markdown: String) -> [Step] {
        var steps: [Step] = []
        var open: (info: String, lines: [String])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var block = open {
                if line.hasPrefix("```") {
                    let words = block.info.split(separator: " ")
                    let body = block.lines.joined(separator: "\n") + "\n"
                    if words.count == 2, words[1] == "walk" {
                        steps.append(.shell(body))
                    } else if words.count == 2, words[1].hasPrefix("walk:") {
                        steps.append(.file(path: String(words[1].dropFirst(5)), text: body))
                    }
                    open = nil
                } else {
                    block.lines.append(line)
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)), [])
            }
        }
        return steps
    }

    @Test func theWalkHasFilesAndCommands() throws {
        let page = try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent("docs/modding.md"), encoding: .utf8)
        let steps = Self.steps(of: page)
        let files = steps.compactMap { if case .file(let path, _) = $0 { path } else { nil } }
        #expect(files == ["frostbite/plugin.yaml", "frostbite/monsters/ice-wisp.yaml", "frostbite/spawns.yaml", "frostbite/Sources/frostbite.c"])
        #expect(steps.filter { if case .shell = $0 { true } else { false } }.count == 2)
    }

    @Test func theWalkRunsAsWritten() throws {
        guard ExamplePlugin.compiler() != nil else { return }
        let page = try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent("docs/modding.md"), encoding: .utf8)
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var script = "set -euo pipefail\n"
        for step in Self.steps(of: page) {
            switch step {
            case .file(let path, let text):
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            case .shell(let text):
                script += text
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        for key in ["BROGUE_CONTENT_PATH", "BROGUE_CONFIG", "BROGUE_PLUGIN_PATH"] { env.removeValue(forKey: key) }
        env["PATH"] = BrogueProcess.binary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("ok: frostbite (0 warning(s))"), "\(text)")
        #expect(text.contains("behaviours frostbite.keep-distance"), "\(text)")
        #expect(text.contains("plugin info: frostbite: an ice wisp keeps its distance"), "\(text)")
    }
}
