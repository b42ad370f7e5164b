import BrogueContent
import BrogueCore
import BroguePluginHost
import BrogueRecording
import BrogueStore
import Foundation

/// A variant: a plugin that makes another game of the content (Rapid Brogue), found in a
/// variants folder and offered when a new game starts.
struct Variant: Sendable {
    var id: String
    var name: String
    var description: String
    var folder: String
    /// The plugin folders of a game of this variant: the content's, with the variant's where
    /// `--plugin` would add it, so choosing it and naming it on the command line make one game.
    var candidates: [PluginCandidate]
}

/// The games brogue can start (the content it was started with, and each variant found), and
/// the content a stored game was played with, chosen by the plugins its record names.
struct GameVariants: Sendable {
    var variants: [Variant]
    /// The folders searched for variants, for messages.
    var searched: [String]

    /// Variant folders: `Plugins/Variants/` beside the content (in the project, or installed
    /// beside the binary), then `variants/` in the data folder.
    static func folders(dataFolder: String?) -> [String] {
        var out: [String] = []
        if let root = ContentOptions.contentRoot() { out.append(root + "/Plugins/Variants") }
        if let dataFolder { out.append(dataFolder + "/variants") }
        return out
    }

    /// Finds the variants that load over `plugins`, the content brogue runs with. A variant that
    /// does not load is left out with one line on standard error; when the content already holds
    /// a variant (named with `--plugin`), none is offered: the command line chose the game.
    static func find(in searched: [String], content: ContentOptions, config: String?, plugins: PluginSet) throws -> GameVariants {
        let loadedIDs = Set(plugins.content?.manifests.map(\.id) ?? [])
        var variants: [Variant] = []
        for folder in searched.flatMap(PluginDiscovery.pluginFolders(in:)) {
            var options = content
            options.plugins.append(folder)
            let candidates = try options.candidates(config: config).candidates
            let status = plugins.reloadingContent(candidates).report.plugins.first { $0.candidate.folder == folder }
            guard let status, let manifest = status.manifest else {
                Console.error("brogue: skipped the variant in \(folder): its plugin.yaml cannot be read (brogue content validate \(folder) says why)")
                continue
            }
            if loadedIDs.contains(manifest.id) { return GameVariants(variants: [], searched: searched) }
            guard !variants.contains(where: { $0.id == manifest.id }) else { continue }
            if let refusal = status.refusal {
                Console.error("brogue: skipped the variant '\(manifest.id)' (\(folder)): \(ContentOptions.reason(refusal))")
                continue
            }
            variants.append(
                Variant(id: manifest.id, name: manifest.name, description: manifest.description, folder: folder, candidates: candidates)
            )
        }
        return GameVariants(variants: variants, searched: searched)
    }

    /// The content of a game of `variant`, loaded over `plugins` (whose native libraries it reuses).
    func content(of variant: Variant, over plugins: PluginSet) throws -> LoadedContent {
        let set = plugins.reloadingContent(variant.candidates)
        guard let content = try set.contentWithRules() else {
            throw VariantError.notLoaded(variant: variant, problems: set.report.diagnostics.filter { $0.severity == .error }.map(\.description))
        }
        return content
    }

    /// The variant named on the command line, by id or name.
    func named(_ text: String) -> Variant? {
        variants.first { $0.id == text || $0.name.lowercased() == text.lowercased() }
    }

    /// The variant stored game `record` was played with: nil for the content brogue runs with.
    /// - Parameter loaded: the content brogue runs with (`RecordedGames`), to compare with the record's.
    /// - Throws: `VariantError.missing` when the record names a plugin that content lacks and no
    ///   variant found has its id: the game is never rebuilt without it.
    func variant(of record: GameRecord, loaded: RecordedGames) throws -> Variant? {
        let ids = Set(loaded.contentSet.map(\.id))
        let extra = record.contentSet.filter { !ids.contains($0.id) }
        guard !extra.isEmpty else { return nil }
        for ref in extra {
            if let found = variants.first(where: { $0.id == ref.id }) { return found }
        }
        let changed = RebuildError.contentChanged(
            game: record.id,
            stored: record.contentHash,
            storedSet: record.contentSet,
            loaded: loaded.catalog.contentHash,
            loadedSet: loaded.contentSet
        )
        throw VariantError.missing(changed, searched: searched)
    }
}

/// Why a variant's game cannot be started or rebuilt.
enum VariantError: Error, CustomStringConvertible {
    case notLoaded(variant: Variant, problems: [String])
    /// A stored game names a plugin that is neither loaded nor a variant found.
    case missing(RebuildError, searched: [String])

    var description: String {
        switch self {
        case .notLoaded(let v, let problems):
            return "the variant \(v.name) (\(v.folder)) no longer loads: " + problems.prefix(5).joined(separator: "; ")
                + ". Fix it (brogue content validate \(v.folder)) and try again."
        case .missing(let changed, let searched):
            return changed.description + " A variant is looked for in " + searched.joined(separator: " and ") + ": put it back there."
        }
    }
}

/// Games of the content brogue runs with and of each variant: a stored game is rebuilt with the
/// content its record names, each variant loaded once, when a game first needs it.
final class VariantGames {
    let base: RecordedGames
    let plugins: PluginSet
    let variants: GameVariants
    private var loaded: [String: RecordedGames] = [:]

    /// - Parameters:
    ///   - base: games of the content brogue was started with.
    ///   - plugins: that content's plugins, over which a variant is loaded.
    ///   - variants: the variants found.
    init(base: RecordedGames, plugins: PluginSet, variants: GameVariants) {
        self.base = base
        self.plugins = plugins
        self.variants = variants
    }

    /// Games of the content stored game `record` was played with.
    /// - Throws: `VariantError` when the variant it names is not found or no longer loads.
    func games(for record: GameRecord) throws -> RecordedGames {
        guard let variant = try variants.variant(of: record, loaded: base) else { return base }
        if let done = loaded[variant.id] { return done }
        let games = RecordedGames(store: base.store, content: try variants.content(of: variant, over: plugins))
        loaded[variant.id] = games
        return games
    }
}
