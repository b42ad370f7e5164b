import BrogueCore
import Foundation

/// Loads plugin folders of YAML content into a validated `ContentCatalog`.
///
/// Every problem is reported with `file:line:column`, and all of them are reported, not just
/// the first: each file is read to the end and every file is read.
///
/// ```swift
/// let loaded = try ContentLoader().load(plugins: ["content/core"])
/// print(loaded.catalog.monsters.count)
/// ```
public struct ContentLoader: Sendable {
    public var limits: ContentLimits

    /// - Parameter limits: bounds on what is read; the defaults suit any real content.
    public init(limits: ContentLimits = .default) {
        self.limits = limits
    }

    /// Loads plugin folders, every one of them required, in the order their `depends` give
    /// (ties by id). Native libraries are found and hashed but not opened: a host that runs
    /// native code loads through `load(_:link:)`.
    /// - Parameter folders: plugin folders, each holding a `plugin.yaml`.
    /// - Returns: the catalog, the plugins in load order, and any warnings.
    /// - Throws: `ContentErrors` with every diagnostic (errors and warnings) when anything is wrong.
    public func load(plugins folders: [String]) throws(ContentErrors) -> LoadedContent {
        let report = load(folders.map { PluginCandidate(folder: $0, required: true, source: "given") })
        guard let content = report.content else { throw ContentErrors(diagnostics: report.diagnostics) }
        return content
    }

    /// The fields of a content kind, as the loader reads them.
    public static func schema(for kind: ContentKind) -> ContentSchema {
        switch kind {
        case .terrain: ContentSchema(kind: kind, tables: [TerrainSchema.table, TerrainSchema.release])
        case .monsters: ContentSchema(kind: kind, tables: [MonsterSchema.table, SharedTables.damage, MonsterAbilitySchema.table])
        case .items: ContentSchema(kind: kind, tables: [ItemSchema.table, ItemSchema.nativeEffect])
        case .spawns:
            ContentSchema(
                kind: kind,
                tables: [
                    SpawnsSchema.table, SpawnsSchema.horde, SpawnsSchema.hordeFollower, SpawnsSchema.monsterSpawn, SpawnsSchema.itemSpawn,
                    SpawnsSchema.populationLine, SpawnsSchema.dungeon,
                ]
            )
        case .player: ContentSchema(kind: kind, tables: [PlayerSchema.table, PlayerSchema.startingItem])
        case .appearances: ContentSchema(kind: kind, tables: [AppearancesSchema.table, AppearancesSchema.potionColor])
        case .generators:
            ContentSchema(
                kind: kind,
                tables: [
                    GeneratorSchema.table, GeneratorSchema.room, GeneratorSchema.curve, GeneratorSchema.lake, GeneratorSchema.decoration,
                    GeneratorSchema.bridges,
                ]
            )
        case .blueprints:
            ContentSchema(kind: kind, tables: [BlueprintSchema.table, BlueprintSchema.feature, BlueprintSchema.item, BlueprintSchema.monster])
        case .bolts: ContentSchema(kind: kind, tables: [BoltSchema.table])
        case .runics: ContentSchema(kind: kind, tables: [RunicSchema.table])
        case .manifest:
            ContentSchema(kind: kind, tables: [ManifestSchema.table, ManifestSchema.content, ManifestSchema.dependency, ManifestSchema.native])
        }
    }

    /// The plugin folder around a file, as the caller would name it, and the file's path inside it.
    static func pluginRoot(of path: String) -> (root: String, relative: String)? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var components = absolute.split(separator: "/").map(String.init)
        guard !components.isEmpty else { return nil }
        var relativeParts = [components.removeLast()]
        while true {
            let folder = "/" + components.joined(separator: "/")
            if FileManager.default.fileExists(atPath: LoadSession.join(folder, PluginManifest.fileName)) {
                let relative = relativeParts.reversed().joined(separator: "/")
                let suffix = "/" + relative
                let root =
                    path.hasSuffix(suffix) && path.count > suffix.count ? String(path.dropLast(suffix.count)) : (path == relative ? "." : folder)
                return (root, relative)
            }
            guard let last = components.popLast() else { return nil }
            relativeParts.append(last)
        }
    }
}
