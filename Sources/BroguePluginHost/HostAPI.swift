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

/// Boxes a `PluginLevelContext` so a `brogue_level *` can point at it for the length of one call.
final class LevelBox {
    let context: any PluginLevelContext
    init(_ context: any PluginLevelContext) { self.context = context }

    static func context(_ level: OpaquePointer?) -> (any PluginLevelContext)? {
        guard let level else { return nil }
        return Unmanaged<LevelBox>.fromOpaque(UnsafeRawPointer(level)).takeUnretainedValue().context
    }

    static func with<R>(_ context: any PluginLevelContext, _ body: (OpaquePointer) -> R) -> R {
        let box = LevelBox(context)
        return withExtendedLifetime(box) { body(OpaquePointer(Unmanaged.passUnretained(box).toOpaque())) }
    }
}

private let ok = brogue_status(BROGUE_STATUS_OK)
private let failed = brogue_status(BROGUE_STATUS_ERROR)
private func status(_ done: Bool) -> brogue_status { done ? ok : failed }
/// Writes only the fields the plugin's `brogue_creature_info` has room for (its `size`).
private func writeCreature(_ c: PluginCreature, into info: UnsafeMutablePointer<brogue_creature_info>) {
    let size = info.pointee.size
    let raw = UnsafeMutableRawPointer(info)
    func put<T>(_ value: T, _ field: PartialKeyPath<brogue_creature_info>) {
        guard let offset = MemoryLayout<brogue_creature_info>.offset(of: field), size >= offset + MemoryLayout<T>.size else { return }
        raw.storeBytes(of: value, toByteOffset: offset, as: T.self)
    }
    put(c.id, \brogue_creature_info.id)
    put(c.hp, \brogue_creature_info.hp)
    put(c.maxHP, \brogue_creature_info.max_hp)
    put(c.isPlayer, \brogue_creature_info.is_player)
}

private func point(_ p: brogue_point) -> PluginPoint { PluginPoint(x: p.x, y: p.y) }

/// Writes only the fields the plugin's `brogue_cell_info` has room for (its `size`); ids are cut
/// to `BROGUE_ID_SIZE - 1` bytes and always NUL-terminated.
private func writeCell(_ c: PluginCell, into info: UnsafeMutablePointer<brogue_cell_info>) {
    let size = info.pointee.size
    let raw = UnsafeMutableRawPointer(info)
    func fits(_ field: PartialKeyPath<brogue_cell_info>, _ length: Int) -> Int? {
        guard let offset = MemoryLayout<brogue_cell_info>.offset(of: field), size >= offset + length else { return nil }
        return offset
    }
    func put<T>(_ value: T, _ field: PartialKeyPath<brogue_cell_info>) {
        if let offset = fits(field, MemoryLayout<T>.size) { raw.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    }
    func put(_ text: String?, _ field: PartialKeyPath<brogue_cell_info>) {
        let capacity = Int(BROGUE_ID_SIZE)
        guard let offset = fits(field, capacity) else { return }
        let bytes = Array((text ?? "").utf8.prefix(capacity - 1)) + [0]
        raw.advanced(by: offset).copyMemory(from: bytes, byteCount: bytes.count)
    }
    put(c.terrainFlags.rawValue, \brogue_cell_info.terrain_flags)
    put(c.occupant?.id ?? -1, \brogue_cell_info.occupant_id)
    put(c.itemCount, \brogue_cell_info.item_count)
    put(c.dungeon, \brogue_cell_info.dungeon)
    put(c.liquid, \brogue_cell_info.liquid)
    put(c.surface, \brogue_cell_info.surface)
    put(c.gas, \brogue_cell_info.gas)
    put(c.occupant?.kind, \brogue_cell_info.occupant_kind)
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
                },
                creature_at: { game, cell, info in
                    guard let c = GameBox.context(game)?.creature(at: point(cell)) else { return false }
                    if let info { writeCreature(c, into: info) }
                    return true
                },
                item_count_at: { game, cell in GameBox.context(game)?.itemCount(at: point(cell)) ?? 0 },
                distance_to_player: { game, cell in GameBox.context(game)?.distanceToPlayer(from: point(cell)) ?? -1 },
                damage: { game, cell, amount in status(GameBox.context(game)?.damage(at: point(cell), amount: amount) ?? false) },
                heal: { game, cell, amount in status(GameBox.context(game)?.heal(at: point(cell), amount: amount) ?? false) },
                apply_status: { game, cell, kind, turns in
                    status(GameBox.context(game)?.applyStatus(kind, turns: turns, at: point(cell)) ?? false)
                },
                spawn_monster: { game, id, cell in
                    guard let id, let context = GameBox.context(game) else { return failed }
                    return status(context.spawnMonster(kindID: String(cString: id), at: point(cell)))
                },
                message: { game, text, kind in
                    guard let text else { return }
                    GameBox.context(game)?.message(String(cString: text), kind: kind)
                },
                level_depth: { level in LevelBox.context(level)?.depth ?? 0 },
                level_terrain_flags: { level, cell in
                    LevelBox.context(level)?.terrainFlags(at: point(cell)).rawValue ?? UInt32(BROGUE_TERRAIN_OUT_OF_BOUNDS)
                },
                level_set_terrain: { level, cell, id in
                    guard let id, let context = LevelBox.context(level) else { return failed }
                    return status(context.setTerrain(String(cString: id), at: point(cell)))
                },
                level_random_below: { level, bound in
                    guard bound > 0, let context = LevelBox.context(level) else { return 0 }
                    return context.randomBelow(bound)
                },
                place_item: { game, id, cell in
                    guard let id, let context = GameBox.context(game) else { return failed }
                    return status(context.placeItem(kindID: String(cString: id), at: point(cell)))
                },
                cell_info: { game, cell, info in
                    guard let c = GameBox.context(game)?.cell(at: point(cell)) else { return false }
                    if let info { writeCell(c, into: info) }
                    return true
                },
                nearest_free_cell: { game, from, terrain, distance, out in
                    let id = terrain.map { String(cString: $0) }
                    guard let p = GameBox.context(game)?.nearestFreeCell(from: point(from), terrainID: id, maxDistance: distance) else {
                        return false
                    }
                    out?.pointee = brogue_point(x: p.x, y: p.y)
                    return true
                },
                creatures_in_radius: { game, center, radius, cells, capacity in
                    guard let found = GameBox.context(game)?.creatureCells(near: point(center), radius: radius) else { return 0 }
                    if let cells {
                        for (i, p) in found.prefix(Int(max(0, capacity))).enumerated() { cells[i] = brogue_point(x: p.x, y: p.y) }
                    }
                    return Int32(clamping: found.count)
                },
                move_creature: { game, from, to in status(GameBox.context(game)?.moveCreature(from: point(from), to: point(to)) ?? false) }
            )
        )
        return table
    }()
}
