import BrogueContent
import Foundation

@testable import BrogueCore

/// The core content's catalog and a way to find one of its vaults built on a level.
enum CoreVaults {
    static let catalog: ContentCatalog = {
        do {
            return try ContentLoader().load(plugins: [BrogueContentTestsRoot.url.appendingPathComponent("content/core").path]).catalog
        } catch {
            fatalError("core content does not load: \(error)")
        }
    }()

    /// The first game and machine number of blueprint `id` on seeds 1-40, depths 2-25.
    static func find(_ id: String) -> (Game, Int)? {
        let catalog = Self.catalog
        guard let bp = catalog.blueprints.firstIndex(where: { $0.id == id }) else { return nil }
        for seed in 1...40 {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 2...25 {
                game.visit(depth: depth)
                if let m = game.level.machines.firstIndex(where: { $0.blueprint == bp }) { return (game, m + 1) }
            }
        }
        return nil
    }
}
