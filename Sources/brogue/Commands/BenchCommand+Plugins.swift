import BrogueContent
import BroguePluginHost
import Foundation

/// The native plugin figures of `brogue bench`: a behaviour call through the ABI, a libffi native
/// call, and the start-up time loading the two example plugins adds.
extension BenchCommand {
    func nativePlugins() {
        guard let include = PluginCommand.SDK.locateInclude() else {
            print("native plugins: skipped (brogue_plugin.h not found; see `brogue plugin sdk`)")
            return
        }
        let root = PluginCommand.SDK.kitPackage(include: include).deletingLastPathComponent()
        let source = root.appendingPathComponent("Plugins/ExampleC/Sources/example_c.c")
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let cLib = tmp.appendingPathComponent("libexample_c.so").path
        do {
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["cc", "-shared", "-fPIC", "-O2", "-I", include, "-o", cLib, source.path]
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            print("native plugins: skipped (cannot build \(source.path) with cc)")
            return
        }
        let binaryDir = Executable.folder
        let swiftLib = binaryDir.appendingPathComponent("libExampleSwift.so").path
        let haveSwift = FileManager.default.fileExists(atPath: swiftLib)
        let brew = NativeDeclaration(name: "brew-strength", symbol: "alchemy_brew_strength", args: ["int32"], returns: "int32")

        // Start-up: the first load pays for dlopen (mapping, relocation, for Swift the runtime's
        // metadata registration); later loads of the same file find it already mapped (RTLD_NODELETE)
        // and pay only for dlsym, the ABI check, init and the registrations.
        func loadTime(_ path: String, _ id: String, natives: [NativeDeclaration] = []) -> (first: Double, median: Double)? {
            var times: [Double] = []
            for _ in 0..<21 {
                let t = ContinuousClock.now
                guard (try? PluginLoader().load(library: path, pluginID: id, natives: natives)) != nil else { return nil }
                times.append(ms(ContinuousClock.now - t))
            }
            return (times[0], median(Array(times.dropFirst())))
        }
        if let c = loadTime(cLib, "alchemy", natives: [brew]) {
            print("plugin load, C example: first \(fmt(c.first)) ms (dlopen), then median \(fmt(c.median)) ms over 20 reloads (dlopen cached)")
        }
        if haveSwift, let s = loadTime(swiftLib, "herbalism") {
            print("plugin load, Swift example: first \(fmt(s.first)) ms (dlopen), then median \(fmt(s.median)) ms over 20 reloads (dlopen cached)")
        } else if !haveSwift {
            print("plugin load, Swift example: skipped (\(swiftLib) not built; `swift build -c release` builds it)")
        }

        guard let plugin = try? PluginLoader().load(library: cLib, pluginID: "alchemy", natives: [brew]),
            let skittish = plugin.behaviours.first, let native = plugin.native("brew-strength")
        else {
            print("native plugins: the C example does not load")
            return
        }
        let calls = 1_000_000
        let game = BenchPluginGame()
        let far = PluginPoint(x: 40, y: 10)
        func perCall(_ body: () -> Void) -> Double {
            var runs: [Double] = []
            for _ in 0..<5 {
                let t = ContinuousClock.now
                for _ in 0..<calls { body() }
                runs.append(seconds(ContinuousClock.now - t) * 1e9 / Double(calls))
            }
            return median(runs)
        }
        let behaviour = perCall { _ = skittish.act(in: game, monster: far) }
        print("native behaviour call (C skittish through the ABI, one host read): median \(fmt(behaviour)) ns/call over 5 x \(calls)")
        if haveSwift, let swiftPlugin = try? PluginLoader().load(library: swiftLib, pluginID: "herbalism"),
            let cowardly = swiftPlugin.behaviours.first
        {
            let swiftCall = perCall { _ = cowardly.act(in: game, monster: far) }
            print("native behaviour call (Swift cowardly through the ABI, one host read): median \(fmt(swiftCall)) ns/call over 5 x \(calls)")
        }
        let ffi = perCall { _ = try? native.call([.int32(3)]) }
        print("libffi native call (alchemy_brew_strength(int32) -> int32): median \(fmt(ffi)) ns/call over 5 x \(calls)")
    }
}

/// A fixed game for the call benchmarks: player at (5, 5), an unhurt monster wherever asked.
final class BenchPluginGame: PluginGameContext {
    var depth: Int32 { 1 }
    var playerPosition: PluginPoint { PluginPoint(x: 5, y: 5) }
    var playerHP: Int32 { 20 }
    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags { [] }
    func randomBelow(_ bound: Int32) -> Int32 { 0 }
    func creature(at cell: PluginPoint) -> PluginCreature? { PluginCreature(id: 1, hp: 10, maxHP: 10, isPlayer: false) }
}
