public import BrogueContent
import BrogueCore
import Foundation

/// The plugins a host runs with: the content they make, the native libraries it loaded for
/// them, and what happened to each plugin found.
///
/// ```swift
/// let set = PluginSet.load(candidates)
/// guard let content = set.content else { ... set.report.diagnostics ... }
/// for native in set.natives { print(native.id, native.behaviourNames) }
/// ```
public struct PluginSet: @unchecked Sendable {
    /// Each plugin found, loaded or refused, and the diagnostics of the load.
    public var report: PluginSetReport
    /// The libraries of the plugins that were loaded, in load order, with what they registered
    /// and their bound natives.
    public var natives: [LoadedNativePlugin]

    /// The content, or nil when a required plugin could not be loaded.
    public var content: LoadedContent? { report.content }

    /// The library of a loaded plugin, by plugin id.
    public func native(_ pluginID: String) -> LoadedNativePlugin? { natives.first { $0.id == pluginID } }

    /// Finds, orders and loads plugins; libraries are opened with `loader` (never closed).
    ///
    /// A library is checked against what its manifest says before it is opened: the manifest's
    /// `abi` must be one this host speaks. After loading, the library's own ABI must be the one
    /// the manifest declares.
    /// - Parameters:
    ///   - candidates: plugin folders in the order found (see `PluginDiscovery`).
    ///   - loader: the loader that keeps the libraries; one per process is usual.
    ///   - limits: bounds on the YAML read.
    public static func load(_ candidates: [PluginCandidate], loader: PluginLoader = PluginLoader(), limits: ContentLimits = .default) -> PluginSet {
        let linker = Linker(loader: loader)
        let report = ContentLoader(limits: limits).load(candidates, link: linker.link, check: linker.check)
        let natives = report.content?.plugins.compactMap { linker.linked[$0.manifest.id] } ?? []
        return PluginSet(report: report, natives: natives)
    }

    /// Checks plugin folders or files as `ContentLoader.validate` does, opening their libraries as
    /// `load` does, so content naming a behaviour, effect, native or stage no library registers is
    /// an error at the place that names it.
    /// - Parameters:
    ///   - paths: plugin folders, or YAML files inside plugin folders.
    ///   - context: the plugins found the usual way: dependencies and the default content.
    ///   - loader: the loader that keeps the libraries.
    /// - Returns: every problem found; empty when all is well.
    public static func validate(_ paths: [String], context: [PluginCandidate], loader: PluginLoader = PluginLoader()) -> [Diagnostic] {
        let linker = Linker(loader: loader)
        return ContentLoader().validate(paths: paths, context: context, link: linker.link, check: linker.check)
    }
}

/// Opens the libraries of one load and checks content against what they registered.
private final class Linker: @unchecked Sendable {
    let loader: PluginLoader
    /// Libraries opened so far, by plugin id.
    var linked: [String: LoadedNativePlugin] = [:]

    init(loader: PluginLoader) { self.loader = loader }

    /// Opens `library`: nil when it loaded, else why not.
    func link(_ library: PluginLibrary) -> String? {
        let host = PluginABIVersion.host
        let origin = "plugin '\(library.pluginID)' (\(library.path))"
        if library.abi.major != Int(host.major) || library.abi.minor > Int(host.minor) {
            return "\(origin): plugin.yaml says it needs plugin ABI \(library.abi), but this host speaks ABI \(host); "
                + "rebuild it against this host's brogue_plugin.h and set 'abi: \"\(host)\"'"
        }
        if let done = linked[library.pluginID], done.file == library.path { return nil }
        do {
            let plugin = try loader.load(library: library.path, pluginID: library.pluginID, natives: library.natives)
            if plugin.abi.major != UInt32(library.abi.major) || plugin.abi.minor != UInt32(library.abi.minor) {
                return "\(origin): the library reports plugin ABI \(plugin.abi), but plugin.yaml says \(library.abi); "
                    + "set 'abi: \"\(plugin.abi)\"' or rebuild the library"
            }
            linked[library.pluginID] = plugin
            return nil
        } catch let error as PluginError {
            return error.message
        } catch {
            return "\(origin): \(error)"
        }
    }

    /// The references of `content` that the libraries of its plugins do not register.
    func check(_ content: LoadedContent) -> [Diagnostic] {
        content.unresolvedReferences(PluginSet.registered(content.plugins, natives: linked))
    }
}

extension PluginSet {
    /// What the libraries of `plugins` registered, by qualified name; a plugin with a library not
    /// in `natives` (not built, while validating) is unchecked.
    static func registered(_ plugins: [LoadedPlugin], natives: [String: LoadedNativePlugin]) -> RegisteredNatives {
        var out = RegisteredNatives()
        for p in plugins {
            guard let native = natives[p.manifest.id] else {
                if p.manifest.library != nil { out.unchecked.insert(p.manifest.id) }
                continue
            }
            out.behaviours += native.behaviours.map(\.qualifiedName)
            out.effects += native.itemEffects.map(\.qualifiedName)
            out.stages += native.generatorStages.map(\.qualifiedName)
            for f in native.natives {
                let rule = NativeFunctionRule(function: f)
                out.natives["\(native.id).\(f.name)"] = RegisteredNatives.Function(arity: rule.arity, unusableReason: rule.unusableReason)
            }
        }
        return out
    }
}

extension PluginSet {
    /// Loads the same plugins' content again, keeping the native libraries already loaded:
    /// native code is never reloaded, so a library whose file changed refuses its plugin with a
    /// message saying to restart, and a library not loaded before is not opened now.
    /// - Parameters:
    ///   - candidates: the plugin folders, as found when `self` was loaded.
    ///   - limits: bounds on the YAML read.
    public func reloadingContent(_ candidates: [PluginCandidate], limits: ContentLimits = .default) -> PluginSet {
        let before = Dictionary(uniqueKeysWithValues: (content?.plugins ?? []).compactMap { p in p.library.map { (p.manifest.id, $0) } })
        let report = ContentLoader(limits: limits).load(candidates) { library in
            guard let loaded = before[library.pluginID] else {
                return
                    "plugin '\(library.pluginID)' (\(library.path)): its library was not loaded when brogue started; restart brogue to load native code"
            }
            guard loaded.hash == library.hash, loaded.path == library.path else {
                return
                    "plugin '\(library.pluginID)' (\(library.path)): the library changed since brogue started, and native code is never reloaded; restart brogue to load the new build"
            }
            return nil
        } check: { content in
            let byID = Dictionary(self.natives.map { ($0.id, $0) }) { a, _ in a }
            return content.unresolvedReferences(PluginSet.registered(content.plugins, natives: byID))
        }
        let natives = report.content?.plugins.compactMap { p in self.natives.first { $0.id == p.manifest.id } } ?? []
        return PluginSet(report: report, natives: natives)
    }
}

extension PluginSet {
    /// The content with every loaded library's registrations attached to its catalog, so games
    /// built from it call them. Without libraries the catalog stays as loaded (and hashed), unless
    /// its content names a plugin behaviour, effect, native or stage: then `adding` reports what
    /// no plugin registers.
    /// - Returns: nil when the set has no content (a required plugin failed).
    /// - Throws: `ExtensionError` or `CatalogError` when the rules do not fit the content.
    public func contentWithRules() throws -> LoadedContent? {
        guard var content else { return nil }
        let catalog = content.catalog
        let namesExtensions =
            catalog.monsters.contains { $0.behaviour != nil }
            || catalog.items.contains { $0.nativePower != nil || $0.effect.map { ItemEffect(rawValue: $0) == nil } ?? false }
            || catalog.generators.contains { !$0.stages.isEmpty }
        guard !natives.isEmpty || namesExtensions else { return content }
        var extensions = RuleExtensions()
        for native in natives { try extensions.merge(native.ruleExtensions()) }
        content.catalog = try content.catalog.adding(extensions)
        return content
    }
}
