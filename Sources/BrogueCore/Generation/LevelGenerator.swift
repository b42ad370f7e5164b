/// One step of level generation, run in order by a `LevelGenerator`.
///
/// A stage reads its settings from `builder.profile` and draws every random number from
/// `rng`, the level's own stream, so the same seed builds the same level everywhere.
///
/// ```swift
/// struct FloodEverything: GenerationStage {
///     func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
///         for i in builder.plan.cells.indices where builder.plan.cells[i] == .rock { ... }
///     }
/// }
/// ```
public protocol GenerationStage: Sendable {
    /// Changes the level under construction.
    /// - Parameters:
    ///   - builder: the level so far.
    ///   - rng: the level's random stream.
    func run(_ builder: inout LevelBuilder, rng: inout RandomStream)
}

/// Builds levels by running ordered stages over a `LevelBuilder`.
public struct LevelGenerator: Sendable {
    public var stages: [any GenerationStage]

    public init(stages: [any GenerationStage]) { self.stages = stages }

    /// Rooms by accretion, loops, lakes, terrain and doors, stairs, bridges, decoration and
    /// traps, light.
    public static let standard = LevelGenerator(stages: [
        RoomsStage(), LoopsStage(), LakesStage(), BuildTerrainStage(), StairsStage(), BridgesStage(), MachinesStage(), DecorationStage(),
        LightStage(),
    ])

    /// Generates the level for `depth` from its own `seed`, with the catalog's profile for
    /// that depth (or `GeneratorProfile.builtIn` when content defines none).
    public func generate(depth: Int, seed: UInt64, catalog: ContentCatalog) -> Level {
        let profile = catalog.generatorProfile(at: depth)
        var builder = LevelBuilder(depth: depth, seed: seed, catalog: catalog, profile: profile)
        var rng = RandomStream(seed: seed)
        // Plugin stages run after the built-in ones but before light, so light sees their terrain:
        // those this profile names, in its order, then those no profile names, in load order.
        let extra = Self.pluginStages(for: profile, catalog: catalog)
        var ranExtra = extra.isEmpty
        for stage in stages {
            if !ranExtra && stage is LightStage {
                for e in extra { e.stage.run(&builder, rng: &rng) }
                ranExtra = true
            }
            stage.run(&builder, rng: &rng)
        }
        if !ranExtra { for e in extra { e.stage.run(&builder, rng: &rng) } }
        return builder.level
    }

    /// The plugin stages a level of `profile` runs.
    static func pluginStages(for profile: GeneratorProfile, catalog: ContentCatalog) -> [RuleExtensions.Stage] {
        let all = catalog.extensions.stages
        guard !all.isEmpty else { return [] }
        let named = catalog.generators.flatMap(\.stages)
        let own = profile.stages.compactMap { name in all.first { $0.name == name } }
        return own + all.filter { !named.contains($0.name) }
    }
}
