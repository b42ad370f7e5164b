import BrogueCore

/// The shared test catalog plus every hazard: lava, chasm and its edge, brimstone, a bridge,
/// each trap in a hidden and a visible form, a flying and a fire-immune monster, and (when
/// given) generator profiles that use them.
enum HazardCatalog {
    static let shared: ContentCatalog = make()

    static func make(generators: [GeneratorProfile] = []) -> ContentCatalog {
        func t(
            _ id: String,
            _ layer: TerrainLayer,
            _ flags: TerrainFlags,
            trap: TrapEffect? = nil,
            discoverAs: String? = nil,
            onStep: String? = nil,
            decaysTo: String? = nil,
            damage: DamageRange? = nil
        ) -> TerrainKind {
            TerrainKind(
                id: id,
                name: id,
                glyph: "^",
                asciiGlyph: "^",
                foreground: .white,
                background: .black,
                layer: layer,
                flags: flags,
                drawPriority: 40,
                discoverAs: discoverAs,
                trap: trap,
                onStep: onStep,
                decaysTo: decaysTo,
                decayTurns: 3...3,
                damage: damage
            )
        }
        var terrains: [TerrainKind] = [
            t("deep-water", .liquid, [.isLiquid, .isDeep]),
            t("lava", .liquid, [.isLiquid, .lethalFire, .glows]),
            t("chasm", .liquid, [.isLiquid, .autoDescent]),
            t("chasm-edge", .liquid, []),
            t("brimstone", .liquid, [.isLiquid, .promotesOnStep], onStep: "burning-brimstone"),
            t("burning-brimstone", .liquid, [.isLiquid, .causesDamage, .glows], decaysTo: "brimstone", damage: DamageRange(min: 2, max: 2)),
            t("bridge", .dungeon, [.isBridge]),
            t("trap-door", .dungeon, [.isTrap, .autoDescent]),
            t("hidden-trap-door", .dungeon, [.isTrap, .autoDescent, .isSecret], discoverAs: "trap-door"),
        ]
        for effect in TrapEffect.allCases {
            let damage = effect == .fire ? DamageRange(min: 4, max: 4) : nil
            terrains.append(t("\(effect.rawValue)-trap", .dungeon, [.isTrap], trap: effect, damage: damage))
            terrains.append(
                t(
                    "hidden-\(effect.rawValue)-trap",
                    .dungeon,
                    [.isTrap, .isSecret],
                    trap: effect,
                    discoverAs: "\(effect.rawValue)-trap",
                    damage: damage
                )
            )
        }
        let base = TestCatalog.shared
        let monsters =
            base.monsters + [
                MonsterKind(
                    id: "bat",
                    name: "bat",
                    glyph: "b",
                    color: .white,
                    hp: 18,
                    defense: 20,
                    accuracy: 100,
                    damage: DamageRange(min: 2, max: 6),
                    xp: 3,
                    flags: [.flies]
                ),
                MonsterKind(
                    id: "salamander",
                    name: "salamander",
                    glyph: "S",
                    color: .white,
                    hp: 60,
                    defense: 70,
                    accuracy: 150,
                    damage: DamageRange(min: 5, max: 11),
                    xp: 30,
                    flags: [.fireImmune]
                ),
            ]
        do {
            return try ContentCatalog(
                terrains: base.terrains + terrains,
                monsters: monsters,
                items: base.items,
                spawns: base.spawns,
                player: base.player,
                appearances: base.appearances,
                generators: generators
            )
        } catch {
            fatalError("hazard catalog is invalid: \(error)")
        }
    }

    /// Rooms with every hazard at full chance: water, chasm, lava and brimstone lakes, bridges,
    /// and every trap, from `lavaFrom` down for lava.
    static func stressProfiles(lavaFrom: Int = 1) -> [GeneratorProfile] {
        let always = DepthCurve(start: 100, end: 100)
        return [
            GeneratorProfile(
                id: "hazards",
                depths: 1...Dungeon.deepestLevel,
                entrance: RoomSpec(design: .symmetricalCross),
                rooms: RoomDesign.allCases.map { RoomSpec(design: $0) },
                roomAttempts: 50,
                loops: 30,
                lakes: [
                    LakeSpec(deep: "chasm", shallow: "chasm-edge", chance: always, attempts: 2, width: 6...20, height: 4...10),
                    LakeSpec(deep: "deep-water", shallow: "shallow-water", chance: always, attempts: 1),
                    LakeSpec(deep: "lava", shallow: nil, chance: always, attempts: 2, width: 4...14, height: 3...8, wreath: 0, minDepth: lavaFrom),
                    LakeSpec(deep: "brimstone", shallow: nil, chance: always, attempts: 1, width: 3...8, height: 2...6, wreath: 0),
                ],
                secretDoors: DepthCurve(start: 30, end: 60),
                decorations: TrapEffect.allCases.map {
                    DecorationSpec(terrain: "hidden-\($0.rawValue)-trap", placement: .trap, count: DepthCurve(start: 2, end: 2))
                }
                    + [
                        DecorationSpec(terrain: "hidden-trap-door", placement: .trap, count: DepthCurve(start: 2, end: 2)),
                        DecorationSpec(terrain: "paralysis-trap", placement: .trap, count: DepthCurve(start: 1, end: 1)),
                    ],
                bridges: BridgeSpec(terrain: "bridge", count: DepthCurve(start: 3, end: 3), maxLength: 15, detour: 3)
            )
        ]
    }
}
