import CBroguePlugin

/// Boxes a `PluginGameContext` so a `brogue_game *` can point at it for the length of one call.
final class GameBox {
    let context: any PluginGameContext
    init(_ context: any PluginGameContext) { self.context = context }

    static func context(_ game: OpaquePointer?) -> (any PluginGameContext)? {
        guard let game else { return nil }
        return Unmanaged<GameBox>.fromOpaque(UnsafeRawPointer(game)).takeUnretainedValue().context
    }

    /// Runs `body` with an opaque game pointer that is valid until `body` returns.
    static func with<R>(_ context: any PluginGameContext, _ body: (OpaquePointer) -> R) -> R {
        let box = GameBox(context)
        return withExtendedLifetime(box) {
            body(OpaquePointer(Unmanaged.passUnretained(box).toOpaque()))
        }
    }
}

/// The host's `brogue_host_api` table: built once, never freed, so plugins may keep the pointer.
enum HostTable {
    static let abiMajor = UInt32(BROGUE_PLUGIN_ABI_MAJOR)
    static let abiMinor = UInt32(BROGUE_PLUGIN_ABI_MINOR)

    nonisolated(unsafe) static let api: UnsafeMutablePointer<brogue_host_api> = {
        let table = UnsafeMutablePointer<brogue_host_api>.allocate(capacity: 1)
        table.initialize(
            to: brogue_host_api(
                size: MemoryLayout<brogue_host_api>.size,
                abi_major: abiMajor,
                abi_minor: abiMinor,
                log: { level, message in
                    guard let message else { return }
                    PluginLog.write(PluginLogLevel(rawValue: level) ?? .info, String(cString: message))
                },
                random_below: { game, bound in
                    guard bound > 0, let context = GameBox.context(game) else { return 0 }
                    return context.randomBelow(bound)
                },
                depth: { game in GameBox.context(game)?.depth ?? 0 },
                player_position: { game in
                    guard let p = GameBox.context(game)?.playerPosition else { return brogue_point(x: -1, y: -1) }
                    return brogue_point(x: p.x, y: p.y)
                },
                player_hp: { game in GameBox.context(game)?.playerHP ?? 0 },
                terrain_flags: { game, cell in
                    guard let context = GameBox.context(game) else { return UInt32(BROGUE_TERRAIN_OUT_OF_BOUNDS) }
                    return context.terrainFlags(at: PluginPoint(x: cell.x, y: cell.y)).rawValue
                }
            )
        )
        return table
    }()
}
