public import BrogueContent
import CBroguePlugin
import Foundation

/// An ABI version, `major.minor`.
public struct PluginABIVersion: Hashable, Sendable, CustomStringConvertible {
    public var major: UInt32
    public var minor: UInt32

    public init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }

    /// The ABI this host speaks (`BROGUE_PLUGIN_ABI_MAJOR`.`BROGUE_PLUGIN_ABI_MINOR` from brogue_plugin.h).
    public static let host = PluginABIVersion(major: HostTable.abiMajor, minor: HostTable.abiMinor)

    public var description: String { "\(major).\(minor)" }
}

/// A native plugin that passed every check, with what it registered and the natives it declared.
///
/// Its library stays loaded for the life of the process (it was opened with `RTLD_NODELETE` and is never closed).
public struct LoadedNativePlugin: @unchecked Sendable {
    /// The plugin id (from plugin.yaml).
    public let id: String
    /// The library's path as given.
    public let file: String
    /// The ABI the plugin was built against.
    public let abi: PluginABIVersion
    /// Monster behaviours, in registration order.
    public let behaviours: [NativeMonsterBehaviour]
    /// Item effects, in registration order.
    public let itemEffects: [NativeItemEffect]
    /// Event hooks, in registration order.
    public let eventHooks: [NativeEventHook]
    /// Generator stages, in registration order.
    public let generatorStages: [NativeGeneratorStage]
    /// Natives bound from its declarations, in declaration order.
    public let natives: [NativeFunction]

    /// Registered behaviour names (without the plugin id).
    public var behaviourNames: [String] { behaviours.map(\.name) }
    /// Registered item effect names.
    public var itemEffectNames: [String] { itemEffects.map(\.name) }
    /// Registered event hook names.
    public var eventHookNames: [String] { eventHooks.map(\.name) }
    /// Registered generator stage names.
    public var generatorStageNames: [String] { generatorStages.map(\.name) }

    /// The native declared as `name`, if any.
    public func native(_ name: String) -> NativeFunction? { natives.first { $0.name == name } }
}

/// Opens native plugins, checks their ABI, runs their init and keeps what they register.
///
/// A refused plugin leaves the loader as it was (except that its code, once opened, stays mapped):
/// the caller logs the error and carries on.
///
/// ```swift
/// let loader = PluginLoader()
/// do {
///     let plugin = try loader.load(library: "Plugins/ExampleC/libexample_c.so", pluginID: "alchemy")
///     print(plugin.behaviourNames)
/// } catch {
///     print(error.message)
/// }
/// ```
public final class PluginLoader {
    /// Plugins loaded so far, in load order.
    public private(set) var plugins: [LoadedNativePlugin] = []
    /// "<kind> <plugin-id>.<name>" -> who registered it, across every plugin loaded by this loader.
    private var taken: [String: String] = [:]

    public init() {}

    /// Loads one native plugin.
    /// - Parameters:
    ///   - path: the shared library.
    ///   - pluginID: the id from plugin.yaml; registrations are known as `<pluginID>.<name>`.
    ///   - natives: functions to bind through libffi, checked before init runs.
    /// - Returns: the plugin and what it registered.
    /// - Throws: `PluginError` naming the plugin and file, for each reason a plugin is refused.
    @discardableResult
    public func load(library path: String, pluginID: String, natives: [NativeDeclaration] = []) throws(PluginError) -> LoadedNativePlugin {
        let origin = "plugin '\(pluginID)' (\(path))"
        guard FileManager.default.fileExists(atPath: path) else {
            throw PluginError(.missingFile, "\(origin): the library file does not exist; build the plugin or fix `library:` in its plugin.yaml")
        }
        if let problem = ELFCheck.problem(at: path) {
            throw PluginError(.notLoadable, "\(origin): cannot load it as a shared library: \(problem)")
        }
        // Never unloaded: unloading Swift code breaks later dynamic casts, and callbacks may be held anywhere.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw PluginError(
                .notLoadable,
                "\(origin): cannot load it as a shared library: \(reason); rebuild it for this machine with cc -shared -fPIC"
            )
        }
        // The version check comes before anything else in the plugin runs (PostgreSQL's magic block).
        guard let abiSymbol = dlsym(handle, "brogue_plugin_abi") else {
            throw PluginError(
                .missingSymbol,
                "\(origin): does not export brogue_plugin_abi; every native plugin exports brogue_plugin_abi and brogue_plugin_init (see `brogue plugin sdk`)"
            )
        }
        let raw = unsafeBitCast(abiSymbol, to: brogue_plugin_abi_fn.self)()
        let abi = PluginABIVersion(major: raw.major, minor: raw.minor)
        let host = PluginABIVersion.host
        guard abi.major == host.major else {
            throw PluginError(
                .abiMajorMismatch,
                "\(origin): built for plugin ABI \(abi), but this host speaks ABI \(host); the major versions differ, so rebuild the plugin against this host's brogue_plugin.h"
            )
        }
        guard abi.minor <= host.minor else {
            throw PluginError(
                .abiMinorTooNew,
                "\(origin): built for plugin ABI \(abi), newer than this host's ABI \(host); update brogue, or rebuild the plugin against ABI \(host)"
            )
        }
        guard let initSymbol = dlsym(handle, "brogue_plugin_init") else {
            throw PluginError(
                .missingSymbol,
                "\(origin): does not export brogue_plugin_init; every native plugin exports brogue_plugin_abi and brogue_plugin_init (see `brogue plugin sdk`)"
            )
        }
        var bound: [NativeFunction] = []
        for declaration in natives {
            guard !bound.contains(where: { $0.name == declaration.name }) else {
                throw PluginError(.duplicateName, "\(origin): native '\(declaration.name)' is declared twice")
            }
            bound.append(try NativeFunction(declaration, handle: handle, origin: origin))
        }

        let collector = RegistrationCollector(pluginID: pluginID, file: path, taken: taken)
        let errorLength = 1024
        var errorText = [CChar](repeating: 0, count: errorLength)
        let status = collector.withRegistrar { registrar in
            errorText.withUnsafeMutableBufferPointer { buffer in
                unsafeBitCast(initSymbol, to: brogue_plugin_init_fn.self)(HostTable.api, registrar, buffer.baseAddress, errorLength)
            }
        }
        // The host's own finding about a registration is more precise than the status init returns.
        if let first = collector.errors.first { throw first }
        guard status == BROGUE_STATUS_OK else {
            let end = errorText.firstIndex(of: 0) ?? errorLength
            let text = String(decoding: errorText[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PluginError(
                .initFailed,
                "\(origin): brogue_plugin_init failed with status \(status): \(text.isEmpty ? "(the plugin gave no reason)" : text)"
            )
        }

        let plugin = LoadedNativePlugin(
            id: pluginID,
            file: path,
            abi: abi,
            behaviours: collector.behaviours,
            itemEffects: collector.effects,
            eventHooks: collector.hooks,
            generatorStages: collector.stages,
            natives: bound
        )
        for key in collector.names { taken[key] = origin }
        plugins.append(plugin)
        return plugin
    }

    /// Loads each library in turn; a refusal is collected and the next one is tried.
    /// - Parameters:
    ///   - libraries: (path, plugin id, natives) in load order.
    /// - Returns: the errors, in order; loaded plugins are in `plugins`.
    public func loadAll(_ libraries: [(path: String, pluginID: String, natives: [NativeDeclaration])]) -> [PluginError] {
        var errors: [PluginError] = []
        for l in libraries {
            do { try load(library: l.path, pluginID: l.pluginID, natives: l.natives) } catch { errors.append(error) }
        }
        return errors
    }
}
