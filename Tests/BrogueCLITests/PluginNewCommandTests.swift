import BroguePluginHost
import Foundation
import Testing

/// `brogue plugin new`: scaffolds that build outside the repository and load through the ABI.
@Suite struct PluginNewCommandTests {
    static func tool(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Runs a tool in `dir`; stdout and stderr together.
    static func shell(_ tool: String, _ args: [String], in dir: URL) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test func namesAndFoldersAreChecked() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for bad in ["My_Plugin", "x y", "x-", "a--b", "9lives", "Upper"] {
            let out = try BrogueProcess.run(["plugin", "new", bad, "--lang", "c", "--output", dir.appendingPathComponent("x").path])
            #expect(out.status == 1, "\(bad)")
            #expect(out.stderr.contains("kebab-case"), "\(out.stderr)")
        }
    }

    @Test func aNonEmptyFolderIsRefused() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x".write(to: dir.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let out = try BrogueProcess.run(["plugin", "new", "ok-name", "--lang", "swift", "--output", dir.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("is not empty"), "\(out.stderr)")
        let wrong = try BrogueProcess.run(["plugin", "new", "ok-name", "--lang", "rust", "--output", dir.path])
        #expect(wrong.status != 0)
    }

    @Test func aCScaffoldBuildsWithCCAndLoads() throws {
        guard let cc = Self.tool(["cc", "clang"]) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("no C compiler") }
            return
        }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("night-watch")
        let out = try BrogueProcess.run(["plugin", "new", "night-watch", "--lang", "c", "--output", folder.path])
        #expect(out.status == 0, "\(out.stderr)")
        for file in ["plugin.yaml", "Makefile", "README.md", "Sources/night_watch.c"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let include = BrogueProcess.repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").path
        let built = try Self.shell(
            cc,
            ["-shared", "-fPIC", "-Wall", "-Werror", "-I", include, "-o", "libnight_watch.so", "Sources/night_watch.c"],
            in: folder
        )
        #expect(built.status == 0, "\(built.output)")
        let plugin = try PluginLoader().load(library: folder.appendingPathComponent("libnight_watch.so").path, pluginID: "night-watch")
        #expect(plugin.behaviourNames == ["night-watch"])
        // The Makefile does the same (.ci/run installs make; outside CI its absence is only printed).
        if let make = Self.tool(["make"]) {
            let made = try Self.shell(make, ["-B", "CC=\(cc)"], in: folder)
            #expect(made.status == 0, "\(made.output)")
        } else if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("make is not installed; .ci/run should have installed it")
        } else {
            print("skipping the Makefile build: make is not installed")
        }
    }

    /// Builds a package that depends on the plugin kit by path, and nothing else of this checkout.
    @Test func aSwiftScaffoldBuildsWithSwiftBuildAndLoads() throws {
        guard let swift = Self.tool(["swift"]) else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("cold-feet")
        let out = try BrogueProcess.run(["plugin", "new", "cold-feet", "--lang", "swift", "--output", folder.path])
        #expect(out.status == 0, "\(out.stderr)")
        let manifest = try String(contentsOf: folder.appendingPathComponent("Package.swift"), encoding: .utf8)
        let kit = BrogueProcess.repoRoot.appendingPathComponent("PluginKit").standardizedFileURL.path
        #expect(manifest.contains(".package(path: \"\(kit)\")"), "\(manifest)")
        let built = try Self.shell(swift, ["build", "--product", "ColdFeet"], in: folder)
        #expect(built.status == 0, "\(built.output)")
        let lib = folder.appendingPathComponent(".build/debug/libColdFeet.so").path
        let plugin = try PluginLoader().load(library: lib, pluginID: "cold-feet")
        #expect(plugin.behaviourNames == ["cold-feet"])
        // Only the kit is resolved: none of the host's packages (NIO, Hummingbird, GRDB, crypto) come along.
        let resolved = try Self.shell(swift, ["package", "show-dependencies"], in: folder)
        #expect(resolved.status == 0, "\(resolved.output)")
        for heavy in ["swift-nio", "hummingbird", "grdb", "swift-crypto", "yams"] {
            #expect(!resolved.output.lowercased().contains(heavy), "the scaffold pulls \(heavy): \(resolved.output)")
        }
    }

    /// What a scaffold's README promises: it validates, builds with the documented command, loads
    /// from BROGUE_PLUGIN_PATH, and its monster is seen acting in `brogue sim`.
    static func checkPlaysAsItComes(_ folder: URL, name: String) throws {
        let validate = try BrogueProcess.run(["content", "validate", folder.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout == "ok: \(folder.path) (0 warning(s))\n", "\(validate.stdout)")
        let env = ["BROGUE_PLUGIN_PATH": folder.path]
        let list = try BrogueProcess.run(["plugin", "list", "--content", "content/core"], environment: env)
        #expect(list.stdout.contains("  \(name): library "), "\(list.stdout)")
        #expect(list.stdout.contains("behaviours \(name).\(name)"), "\(list.stdout)")
        let sim = try BrogueProcess.run(["sim", "--seed", "1", "--content", "content/core"], environment: env)
        #expect(sim.status == 0, "\(sim.stderr)")
        #expect(sim.stderr.contains("plugin info: \(name): a monster keeps its distance"), "\(sim.stderr)")
    }

    @Test func aCScaffoldValidatesBuildsWithMakeLoadsAndActsInSim() throws {
        guard let cc = Self.tool(["cc", "clang"]) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("no C compiler") }
            return
        }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("night-watch")
        let out = try BrogueProcess.run(["plugin", "new", "night-watch", "--lang", "c", "--output", folder.path])
        #expect(out.status == 0, "\(out.stderr)")
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("export BROGUE_PLUGIN_PATH=$PWD") && !readme.contains("--plugin-library"))
        if let make = Self.tool(["make"]) {
            let made = try Self.shell(make, ["CC=\(cc)"], in: folder)
            #expect(made.status == 0, "\(made.output)")
        } else {
            let include = BrogueProcess.repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").path
            let built = try Self.shell(
                cc,
                ["-shared", "-fPIC", "-O2", "-I", include, "-o", "libnight_watch.so", "Sources/night_watch.c"],
                in: folder
            )
            #expect(built.status == 0, "\(built.output)")
        }
        try Self.checkPlaysAsItComes(folder, name: "night-watch")
    }

    @Test func aSwiftScaffoldValidatesBuildsInReleaseLoadsAndActsInSim() throws {
        guard let swift = Self.tool(["swift"]) else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("cold-feet")
        let out = try BrogueProcess.run(["plugin", "new", "cold-feet", "--lang", "swift", "--output", folder.path])
        #expect(out.status == 0, "\(out.stderr)")
        let built = try Self.shell(swift, ["build", "-c", "release"], in: folder)
        #expect(built.status == 0, "\(built.output)")
        try Self.checkPlaysAsItComes(folder, name: "cold-feet")
    }
}
