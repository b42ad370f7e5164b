// example_swift: a native Brogue plugin in Swift, built by `swift build` as the dynamic library
// product ExampleSwift (libExampleSwift.so) on BroguePluginKit.
//
// Registers the monster behaviour "cowardly" (flees once hurt below half its hit points; otherwise
// the built-in AI) and the item effect "tonic" (heals the drinker by a draw from the game's own
// random stream, so games replay).
public import BroguePluginKit

struct Herbalism: BroguePlugin {
    static func register(_ registrar: inout Registrar) throws {
        try registrar.behaviour("cowardly") { game, monster in
            guard let me = game.creature(at: monster), me.hp * 2 < me.maxHP else { return .default }
            return .flee
        }
        try registrar.effect("tonic") { game, target, power in
            let amount = 1 + game.random(below: max(1, power + game.depth))
            game.heal(at: target, amount)
            game.message("The tonic tastes of mint.", .good)
            game.log(.info, "tonic heals \(amount) at (\(target.x), \(target.y))")
        }
        registrar.host.log(.debug, "example_swift ready")
    }
}

@_cdecl("brogue_plugin_abi")
public func brogue_plugin_abi() -> brogue_abi_version { PluginKit.abi() }

@_cdecl("brogue_plugin_init")
public func brogue_plugin_init(
    _ host: UnsafePointer<brogue_host_api>?,
    _ registrar: UnsafeMutablePointer<brogue_registrar>?,
    _ error: UnsafeMutablePointer<CChar>?,
    _ errorLength: Int
) -> brogue_status {
    PluginKit.initialize(Herbalism.self, host, registrar, error, errorLength)
}
