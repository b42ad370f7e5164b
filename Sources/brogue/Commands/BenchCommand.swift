import ArgumentParser
import BrogueClient
import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueRecording
import BrogueStore
import BrogueTerminal
import BrogueUI
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulation speed, crowded-turn latency and content loading.",
        discussion: """
            Build in release mode first: `swift build -c release && .build/release/brogue bench`. \
            Debug builds are ten or more times slower and their figures mean little.

            Content loading, the crowded turn and keypress to frame also print "its CPU": the \
            CPU time of the thread doing the work, which a busy machine does not inflate as it does \
            the elapsed time. On a shared machine, compare those.

            "node action without I/O" is one action as `brogue node` handles it (the message \
            decoded, the move applied and stored, the screen composed, diffed and encoded), by its \
            thread's CPU: set it beside the node CPU per action that `brogue loadtest` prints, and \
            the difference is what sockets, tasks and locks cost.

            "game memory by age" is the heap in use per game (glibc's figures) after games \
            played side by side by the load test's bot moves have taken 0, 300, 900 and 1800 \
            actions: what a hosted game grows to as it ages.
            """
    )

    @Option(help: "Seeds to simulate for the turns-per-second figure.")
    var seeds: Int = 20

    @Option(help: "Turns per simulated game.")
    var turns: Int = 3000

    @Option(help: "Awake monsters around the player for the crowded-turn figure.")
    var monsters: Int = 40

    @Option(help: "Player turns measured in the crowded-turn figure.")
    var samples: Int = 2000

    @Option(help: "Ordinary moves measured for the keypress-to-frame and node-action figures.")
    var moves: Int = 2000

    @Option(help: "Seeds whose 26 levels are generated and populated for the levels-per-second figure.")
    var levelSeeds: Int = 100

    @Option(help: "Games played side by side for the game-memory-by-age figure.")
    var memoryGames: Int = 60

    @OptionGroup var content: ContentOptions

    func validate() throws {
        guard seeds > 0, turns > 0, monsters >= 0, samples > 0, memoryGames > 0 else {
            throw ValidationError("--seeds, --turns, --samples and --memory-games must be positive, --monsters zero or more.")
        }
    }

    func run() throws {
        let loaded = try content.load()
        let folders = loaded.manifests.map(\.folder)
        let catalog = loaded.catalog
        #if DEBUG
        Console.error("warning: this is a debug build; build with -c release for meaningful figures.")
        #endif

        // 1. Content loading.
        var loadTimes: [Double] = []
        var loadCPU: [Double] = []
        for _ in 0..<20 {
            let t = ContinuousClock.now
            let c = ThreadCPUClock.now()
            _ = try? ContentLoader().load(plugins: folders)
            loadCPU.append((ThreadCPUClock.now() - c) * 1000)
            loadTimes.append(ms(ContinuousClock.now - t))
        }
        print(
            "content load (\(folders.joined(separator: ", "))): median \(fmt(median(loadTimes))) ms, max \(fmt(loadTimes.max()!)) ms over 20 loads; "
                + "its CPU: median \(fmt(median(loadCPU))) ms"
        )

        // 2. Level generation: every stage, then monsters and items, for every depth.
        levelGeneration(catalog)

        // 3. Bot simulation speed.
        var totalTurns = 0
        let simStart = ContinuousClock.now
        for seed in 1...seeds {
            let r = Simulation.run(seed: UInt64(seed), catalog: catalog, turns: turns)
            totalTurns += r.turns
            Console.error("  sim seed \(seed)/\(seeds): \(r.turns) turns, deepest \(r.deepest), \(r.stopReason)")
        }
        let simSeconds = seconds(ContinuousClock.now - simStart)
        print("simulation: \(totalTurns) bot turns in \(fmt(simSeconds)) s = \(Int(Double(totalTurns) / simSeconds)) turns/s")

        // 4. One player turn with many awake monsters, then with bolt casters among them.
        crowdedTurns(catalog)  // BenchCommand+Crowded.swift

        // 5. The terminal game's figures.
        try keypressToFrame(loaded)
        try nodeAction(loaded)  // BenchCommand+Node.swift
        replaySpeed(catalog)
        nativePlugins()  // BenchCommand+Plugins.swift
        gameMemoryByAge(catalog)  // BenchCommand+Memory.swift
    }

    /// Levels per second for seeds 1...levelSeeds x every depth of the content: generated alone, and
    /// generated and populated as a game does on a first visit.
    func levelGeneration(_ catalog: ContentCatalog) {
        var seeder = BrogueCore.SplitMix64(state: 0)
        var checksum = 0
        let genStart = ContinuousClock.now
        for seed in 1...levelSeeds {
            seeder = BrogueCore.SplitMix64(state: UInt64(seed))
            for depth in 1...catalog.deepestLevel {
                let level = LevelGenerator.standard.generate(depth: depth, seed: seeder.next(), catalog: catalog)
                checksum &+= level.downStairs.x
            }
        }
        let genSeconds = seconds(ContinuousClock.now - genStart)
        let count = levelSeeds * catalog.deepestLevel
        let popStart = ContinuousClock.now
        for seed in 1...levelSeeds {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 2...catalog.deepestLevel { game.visit(depth: depth) }
            checksum &+= game.monsters.count
        }
        let popSeconds = seconds(ContinuousClock.now - popStart)
        print(
            "level generation (seeds 1-\(levelSeeds) x depths 1-\(catalog.deepestLevel), every stage): \(Int(Double(count) / genSeconds)) levels/s generated, "
                + "\(Int(Double(count) / popSeconds)) levels/s generated and populated (\(fmt(popSeconds)) s; checksum \(checksum % 1000))"
        )
        // What `brogue catalog --seeds 1-N` does, less the printing: Brogue CE 1.15.1 does
        // about 29 levels/s on the reference machine (`--print-seed-catalog 1 100 26`).
        let catalogStart = ContinuousClock.now
        var lines = 0
        for seed in 1...levelSeeds {
            lines += SeedCatalog.entries(seed: UInt64(seed), depths: 1...catalog.deepestLevel, catalog: catalog).count
        }
        let catalogSeconds = seconds(ContinuousClock.now - catalogStart)
        print(
            "seed catalog (seeds 1-\(levelSeeds) x depths 1-\(catalog.deepestLevel), \(lines) lines): \(Int(Double(count) / catalogSeconds)) levels/s "
                + "(\(fmt(catalogSeconds)) s; peak memory: /usr/bin/time -v brogue catalog --seeds 1-\(levelSeeds) > /dev/null)"
        )
    }

    /// Recorded games in a SQLite store in a new temporary folder, and the folder, which the
    /// caller removes when done.
    func scratchGames(_ loaded: LoadedContent) throws -> (RecordedGames, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let store = try SQLiteGameStore(path: folder.appendingPathComponent("brogue.sqlite").path)
            return (RecordedGames(store: store, content: loaded), folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Key to frame for ordinary moves, as the terminal game does it: the session applies the
    /// move, the store appends it (SQLite in a temporary folder), the screen is composed, and
    /// the frame is encoded against the previous one.
    func keypressToFrame(_ loaded: LoadedContent) throws {
        let (games, folder) = try scratchGames(loaded)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = ["k", "l", "j", "h", "u", "n", "b", "y"]
        var latencies: [Double] = []
        var cpu: [Double] = []
        var bytes: [Int] = []
        var seed: UInt64 = 500
        var encoder = FrameEncoder(colorMode: .trueColor)
        while latencies.count < moves {
            let recorded = try games.start(seed: seed)
            seed += 1
            let session = PlaySession(game: recorded.game, recorder: recorded)
            var previous = GameView.render(session)
            while latencies.count < moves && !session.game.isOver {
                var probe = session.game
                guard case .step(let dir) = probe.exploreDirection() else { break }
                let t = ContinuousClock.now
                let c = ThreadCPUClock.now()
                try session.handle(key: keys[dir.rawValue])
                let frame = GameView.render(session)
                let written = encoder.encode(from: previous, to: frame)
                cpu.append((ThreadCPUClock.now() - c) * 1000)
                latencies.append(ms(ContinuousClock.now - t))
                bytes.append(written.count)
                previous = frame
            }
        }
        latencies.sort()
        bytes.sort()
        print(
            "keypress to frame (move, store append, compose, encode): median \(fmt(percentile(latencies, 50))) ms, "
                + "p99 \(fmt(percentile(latencies, 99))) ms over \(latencies.count) moves; "
                + "its CPU: median \(fmt(median(cpu))) ms, p99 \(fmt(percentile(cpu.sorted(), 99))) ms"
        )
        print(
            "bytes written per move: median \(Int(percentile(bytes.map(Double.init), 50))), p99 \(Int(percentile(bytes.map(Double.init), 99))), max \(bytes.last!)"
        )
    }

    /// Replaying a long recorded bot game from its log, as `brogue replay --verify` does.
    func replaySpeed(_ catalog: ContentCatalog) {
        var turns = 0
        var seconds = 0.0
        for seed in UInt64(1)...5 {
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 20_000, record: true)
            let texts = run.log.map(\.encoded)
            let t = ContinuousClock.now
            var game = Game(seed: seed, catalog: catalog)
            for text in texts { _ = game.apply(Action(encoded: text)!) }
            let matches = game.stateHash == run.stateHash
            seconds += self.seconds(ContinuousClock.now - t)
            turns += game.turn
            if !matches { Console.error("warning: seed \(seed) replayed to a different stateHash") }
        }
        print("replay verification: \(turns) turns in \(fmt(seconds)) s = \(Int(Double(turns) / seconds)) turns/s")
    }

    func ms(_ d: Duration) -> Double { seconds(d) * 1000 }
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    func median(_ v: [Double]) -> Double { percentile(v.sorted(), 50) }
    func percentile(_ sorted: [Double], _ p: Int) -> Double { Percentile.of(sorted, Double(p)) ?? 0 }
    func fmt(_ v: Double) -> String { String(format: "%.3f", v) }
}
