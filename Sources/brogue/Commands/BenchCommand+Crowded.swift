import BrogueCore

/// The crowded-turn figures of `brogue bench`: one player turn with `monsters` awake monsters of
/// the first depth's kinds, and again with every kind that casts a harmful bolt, so bolts fly.
extension BenchCommand {
    func crowdedTurns(_ catalog: ContentCatalog) {
        let shallow = catalog.spawns.monsters.filter { $0.depths.contains(1) }.map(\.kind)
        crowdedTurn(catalog, kinds: shallow, label: "turn with \(monsters) awake monsters")
        let casters = catalog.monsters.filter { kind in
            kind.abilities.contains { a in
                a.rule == .castsBolt && a.bolt.flatMap { catalog.boltIndexByID[$0] }.map { !catalog.bolts[$0].effect.isHelpful } == true
            }
        }.map(\.id)
        guard !casters.isEmpty else { return }
        crowdedTurn(catalog, kinds: casters, label: "turn with \(monsters) awake bolt casters (\(casters.count) kinds)")
    }

    /// Times `samples` player turns, stepping east and west, with `monsters` hunting monsters of
    /// `kinds` kept topped up (outside the timed part); prints the median, p99 and max.
    private func crowdedTurn(_ catalog: ContentCatalog, kinds: [String], label: String) {
        var latencies: [Double] = []
        var cpu: [Double] = []
        var awake = 0
        var bolts = 0
        var seed: UInt64 = 1000
        while latencies.count < samples {
            var game = Game(seed: seed, catalog: catalog)
            seed += 1
            var step = 0
            while !game.isOver && step < 50 && latencies.count < samples {
                topUp(&game, kinds: kinds)
                let dir: Direction = step % 2 == 0 ? .east : .west
                let action: Action = game.level.canStep(from: game.player.position, dir) ? .move(dir) : .rest
                let t = ContinuousClock.now
                let c = ThreadCPUClock.now()
                let events = game.apply(action)
                cpu.append((ThreadCPUClock.now() - c) * 1000)
                latencies.append(ms(ContinuousClock.now - t) * 1000)
                awake += game.monsters.filter { $0.state == .hunting || $0.state == .fleeing }.count
                bolts += events.filter { if case .bolt = $0 { true } else { false } }.count
                step += 1
            }
        }
        latencies.sort()
        cpu.sort()
        let flying = bolts > 0 ? ", \(fmt(Double(bolts) / Double(latencies.count))) bolts a turn" : ""
        print(
            "\(label): median \(fmt(percentile(latencies, 50) / 1000)) ms, "
                + "p99 \(fmt(percentile(latencies, 99) / 1000)) ms, max \(fmt(latencies.last! / 1000)) ms over \(latencies.count) turns "
                + "(\(awake / latencies.count) monsters awake on average after each turn\(flying)); "
                + "its CPU: median \(fmt(percentile(cpu, 50))) ms, p99 \(fmt(percentile(cpu, 99))) ms"
        )
    }

    /// Summons hunting monsters of `kinds` until `monsters` are awake.
    private func topUp(_ game: inout Game, kinds: [String]) {
        let level = game.level
        var spots: [Point] = []
        for y in 1..<(Dungeon.height - 1) {
            for x in stride(from: 1, to: Dungeon.width - 1, by: 3) where level.isPassable(Point(x, y)) { spots.append(Point(x, y)) }
        }
        var i = game.monsters.count
        while game.monsters.filter({ $0.state == .hunting || $0.state == .fleeing }).count < monsters && !spots.isEmpty {
            game.summon(kinds[i % kinds.count], near: spots[(i * 7919) % spots.count], state: .hunting)
            i += 1
        }
    }
}
