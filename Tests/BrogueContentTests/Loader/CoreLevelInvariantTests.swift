import BrogueContent
import BrogueCore
import Foundation
import Testing

/// The architect's promises over the core content's own profiles and blueprints, on 1,000
/// seeds x 26 depths: stairs joined, every cell and item reachable or behind a way in that can
/// itself be reached and opened, machines apart, keys reachable without their vaults.
/// (`brogue map --verify N` runs the same check on populated levels.)
@Suite("Core levels keep their promises")
struct CoreLevelInvariantTests {
    static let catalog: ContentCatalog? = {
        let core = BrogueContentTestsRoot.url.appendingPathComponent("content/core").path
        return try? ContentLoader().load(plugins: [core]).catalog
    }()

    @Test("1,000 seeds x 26 depths, generated", arguments: 0..<20)
    func thousandSeeds(batch: Int) throws {
        let catalog = try #require(Self.catalog, "content/core did not load")
        var machines = 0
        for seed in (batch * 50 + 1)...(batch * 50 + 50) {
            var seeder = SplitMix64(state: UInt64(seed))
            for depth in 1...catalog.deepestLevel {
                let level = LevelGenerator.standard.generate(depth: depth, seed: seeder.next(), catalog: catalog)
                machines += level.machines.count
                let problems = LevelInvariants.problems(level)
                #expect(problems.isEmpty, "seed \(seed) depth \(depth): \(problems)")
            }
        }
        #expect(machines >= 50 * 26, "only \(machines) machines on 1,300 levels")
    }

    @Test("200 seeds x 26 depths, populated as a game finds them", arguments: 0..<4)
    func populated(batch: Int) throws {
        let catalog = try #require(Self.catalog, "content/core did not load")
        for seed in (batch * 50 + 1)...(batch * 50 + 50) {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 1...catalog.deepestLevel {
                if depth > 1 { game.visit(depth: depth) }
                let problems = LevelInvariants.problems(game.level)
                #expect(problems.isEmpty, "seed \(seed) depth \(depth): \(problems)")
            }
        }
    }
}

enum BrogueContentTestsRoot {
    /// The repository root, found from this file's path.
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
