import BrogueCore

extension Assembly {
    /// Checks what spans files, then builds the catalog.
    /// - Returns: nil when anything is wrong; every problem went to `session`.
    func catalog(session: LoadSession) -> ContentCatalog? {
        // Problems of the set as a whole are reported at the first plugin, the one the others build on.
        guard let first = manifests.first else { return nil }
        let manifestFile = first.manifestFile
        func kindMark(_ kind: ContentKind) -> Mark { first.manifestMarks.kindMarks[kind] ?? .start }

        checkReferences(session)
        checkSpawns(session)

        if let player {
            checkStartingItems(player.value, session)
        } else {
            session.error(manifestFile, kindMark(.player), "no plugin gives player content", hint: "add 'player: [\"player.yaml\"]' under content")
        }
        if let appearances {
            if let colors = appearances.value.potionColorCount {
                let potions = items.values.filter { $0.category == .potion }.count
                if colors < potions {
                    session.error(
                        appearances.value.file,
                        appearances.value.potionColorsMark,
                        "\(potions) potion kinds but only \(colors) potion colours to disguise them",
                        hint: "add \(potions - colors) more colours to potion-colors"
                    )
                }
            }
        } else {
            session.error(
                manifestFile,
                kindMark(.appearances),
                "no plugin gives appearances content",
                hint: "add 'appearances: [\"appearances.yaml\"]' under content"
            )
        }
        if population == nil {
            session.error(
                manifestFile,
                kindMark(.spawns),
                "no spawns file gives population lines",
                hint: "add a 'population' list covering depths 1-\(DungeonShape.classic.depths) to spawns.yaml"
            )
        }
        for id in ContentCatalog.requiredTerrainIDs where !terrains.contains(id) && !isUnreadable(.terrain, id) {
            session.error(
                manifestFile,
                kindMark(.terrain),
                "content defines no terrain '\(id)', which the level generator needs",
                hint: "add terrain/\(id).yaml"
            )
        }
        let categories = Set(items.entries.compactMap { $0.decoded.value?.category })
        // Only when every item was read: a broken amulet file must not also read as a missing amulet.
        if !items.entries.isEmpty && items.values.count == items.entries.count && (unreadable[.items] ?? []).isEmpty {
            if !categories.contains(.amulet) {
                session.error(
                    manifestFile,
                    kindMark(.items),
                    "content defines no amulet item for depth \(population?.value.dungeon.amuletDepth ?? DungeonShape.classic.amuletDepth)",
                    hint: "add an item with 'category: amulet'"
                )
            }
            if !categories.contains(.gold) {
                session.error(manifestFile, kindMark(.items), "content defines no gold item", hint: "add an item with 'category: gold'")
            }
        }
        checkGenerators(session, manifestFile: manifestFile, mark: kindMark(.generators))
        guard !session.hasErrors, let player = player?.value.player, let appearances = appearances?.value.appearances,
            let population = population?.value.population
        else { return nil }
        do {
            return try ContentCatalog(
                terrains: terrains.values,
                monsters: monsters.values,
                items: items.values,
                spawns: SpawnRules(
                    monsters: spawnMonsters.map(\.line.entry),
                    items: spawnItems.map(\.line.entry),
                    population: population,
                    dungeon: self.population?.value.dungeon ?? .classic
                ),
                player: player,
                appearances: appearances,
                generators: generators.values,
                blueprints: blueprints.values,
                bolts: bolts.values,
                runics: runics.values
            )
        } catch {
            for problem in error.problems { session.error(manifestFile, .start, "content set: \(problem)") }
            return nil
        }
    }

    /// Profiles must cover every depth (when there are any); an overlap is a warning, as the
    /// first profile in load order wins.
    private func checkGenerators(_ session: LoadSession, manifestFile: String, mark: Mark) {
        guard !generators.entries.isEmpty, generators.values.count == generators.entries.count else { return }
        var coveredBy: [String?] = Array(repeating: nil, count: Dungeon.deepestLevel + 1)
        for entry in generators.entries {
            guard let p = entry.decoded.value else { continue }
            if let earlier = p.depths.lazy.compactMap({ coveredBy[$0] }).first {
                session.warning(
                    entry.decoded.file,
                    entry.decoded.mark,
                    "generator '\(p.id)' overlaps the depths of generator '\(earlier)', which is loaded first and wins there"
                )
            }
            for d in p.depths where coveredBy[d] == nil { coveredBy[d] = p.id }
        }
        let deepest = population?.value.dungeon.depths ?? DungeonShape.classic.depths
        let gaps = (1...deepest).filter { coveredBy[$0] == nil }
        if !gaps.isEmpty {
            session.error(
                manifestFile,
                mark,
                "no generator profile covers depth\(gaps.count > 1 ? "s" : "") \(gaps.map(String.init).joined(separator: ", "))",
                hint: "every depth from 1 to \(deepest) needs a profile; widen a profile's 'depths'"
            )
        }
    }

    private func isUnreadable(_ kind: ContentKind, _ id: String) -> Bool {
        unreadable[kind]?.contains(id) == true
    }

    private func checkReferences(_ session: LoadSession) {
        for (reference, file, entry) in references {
            let isKnown: Bool
            let label: String
            switch reference.kind {
            case .terrain: (isKnown, label) = (terrains.contains(reference.id), "terrain")
            case .monsters: (isKnown, label) = (monsters.contains(reference.id), "monster")
            case .bolts: (isKnown, label) = (bolts.contains(reference.id), "bolt")
            default: (isKnown, label) = (items.contains(reference.id), "item")
            }
            // The sorted id list for a did-you-mean is built only for a hint that is kept.
            func known() -> [String] {
                switch reference.kind {
                case .terrain: terrains.sortedIDs
                case .monsters: monsters.sortedIDs
                case .bolts: bolts.sortedIDs
                default: items.sortedIDs
                }
            }
            if !isKnown && !isUnreadable(reference.kind, reference.id) {
                session.error(
                    file,
                    reference.mark,
                    "\(reference.place) names unknown \(label) '\(reference.id)'",
                    entry: entry,
                    hint: DidYouMean.hint(for: reference.id, among: known())
                )
            }
            if let use = reference.use, let kind = terrains.value(reference.id), let problem = use.problem(kind) {
                session.error(
                    file,
                    reference.mark,
                    "\(reference.place): \(use.noun) '\(reference.id)' \(problem)",
                    entry: entry,
                    hint: "name another terrain, or change this one's flags or layer"
                )
            }
            if reference.castByMonster, let bolt = bolts.value(reference.id), !bolt.effect.isHelpful && !bolt.effect.monstersCastAtPlayer {
                session.error(
                    file,
                    reference.mark,
                    "\(reference.place) names bolt '\(reference.id)', whose effect '\(bolt.effect.rawValue)' monsters cannot cast",
                    entry: entry,
                    hint: "monsters cast helpful bolts (heal, haste, protect, invisibility, empower) and damage, poison or slow"
                )
            }
        }
    }

    private func checkSpawns(_ session: LoadSession) {
        for (line, file) in spawnMonsters where !monsters.contains(line.entry.kind) && !isUnreadable(.monsters, line.entry.kind) {
            session.error(
                file,
                line.mark,
                "\(line.label) names unknown monster '\(line.entry.kind)'",
                entry: line.entry.kind,
                hint: DidYouMean.hint(for: line.entry.kind, among: monsters.sortedIDs) ?? "define monsters/\(line.entry.kind).yaml"
            )
        }
        for (line, file) in spawnMonsters {
            for (follower, mark) in zip(line.entry.followers, line.followerMarks)
            where !monsters.contains(follower.kind) && !isUnreadable(.monsters, follower.kind) {
                session.error(
                    file,
                    mark,
                    "horde of '\(line.entry.kind)' names unknown follower '\(follower.kind)'",
                    entry: line.entry.kind,
                    hint: DidYouMean.hint(for: follower.kind, among: monsters.sortedIDs) ?? "define monsters/\(follower.kind).yaml"
                )
            }
        }
        for (line, file) in spawnItems where !isUnreadable(.items, line.entry.kind) {
            guard items.contains(line.entry.kind) else {
                session.error(
                    file,
                    line.mark,
                    "item spawn names unknown item '\(line.entry.kind)'",
                    entry: line.entry.kind,
                    hint: DidYouMean.hint(for: line.entry.kind, among: items.sortedIDs) ?? "define items/\(line.entry.kind).yaml"
                )
                continue
            }
            if items.value(line.entry.kind)?.category == .amulet {
                session.error(
                    file,
                    line.mark,
                    "the amulet '\(line.entry.kind)' is not a random item; the rules place it on depth \(population?.value.dungeon.amuletDepth ?? DungeonShape.classic.amuletDepth)",
                    entry: line.entry.kind,
                    hint: "remove this line"
                )
            }
        }
    }

    private func checkStartingItems(_ file: PlayerSchema.File, _ session: LoadSession) {
        guard let player = file.player else { return }
        var equipped: [ItemCategory: String] = [:]
        for (start, mark) in zip(player.startingItems, file.itemMarks) {
            guard items.contains(start.kind) || isUnreadable(.items, start.kind) else {
                session.error(
                    file.file,
                    mark,
                    "player starts with unknown item '\(start.kind)'",
                    hint: DidYouMean.hint(for: start.kind, among: items.sortedIDs)
                )
                continue
            }
            guard let item = items.value(start.kind) else { continue }
            if start.equipped {
                if item.category != .weapon && item.category != .armor {
                    session.error(
                        file.file,
                        mark,
                        "starting item '\(start.kind)' is \(item.category.rawValue) and cannot be equipped",
                        hint: "only weapons and armor are equipped; remove 'equipped: true'"
                    )
                } else if let other = equipped[item.category] {
                    session.error(
                        file.file,
                        mark,
                        "starting item '\(start.kind)' is the second equipped \(item.category.rawValue) (after '\(other)')",
                        hint: "equip one weapon and one armor at most"
                    )
                } else {
                    equipped[item.category] = start.kind
                }
            }
            if start.quantity > 1 && !item.category.stacks && !item.throwable {
                session.error(
                    file.file,
                    mark,
                    "starting item '\(start.kind)' does not stack, so its quantity must be 1",
                    hint: "list it again to start with two"
                )
            }
        }
    }
}
