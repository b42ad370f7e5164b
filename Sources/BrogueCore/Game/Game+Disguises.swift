/// What unknown staffs, wands and rings look like: one material or gem per kind, shuffled for each
/// game from its seed (potions have colours and scrolls titles, drawn before these).
extension Game {
    /// For each item kind, its disguise ("" for kinds that have none).
    static func disguise(_ catalog: ContentCatalog, using names: inout RandomStream) -> [String] {
        var out = Array(repeating: "", count: catalog.items.count)
        for category in [ItemCategory.staff, .wand, .ring] {
            let kinds = catalog.items.indices.filter { catalog.items[$0].category == category }
            guard !kinds.isEmpty else { continue }
            var pool = catalog.appearances.disguises(for: category)
            names.shuffle(&pool)
            for (n, i) in kinds.enumerated() {
                // More kinds than disguises: the later ones get a number so no two look alike.
                let round = n / pool.count
                out[i] = pool[n % pool.count] + (round > 0 ? " \(round + 1)" : "")
            }
        }
        return out
    }

    /// The name of an unknown staff, wand or ring kind: "teak staff", "brass wand", "garnet ring".
    func unknownName(of kind: Int) -> String {
        "\(disguises[kind]) \(catalog.items[kind].category.rawValue)"
    }

    /// Turns a ring or armour is worn before its wearer learns its enchantment.
    public static let revealTurns = 150

    /// One turn of wearing: the rings and armour worn long enough show their enchantment.
    mutating func revealWornEnchantments(_ events: inout [GameEvent]) {
        for l in inventory.rings + (inventory.armor.map { [$0] } ?? []) {
            guard let item = inventory[l], !item.enchantKnown, item.rechargeIn > 0 else { continue }
            inventory[l]!.rechargeIn -= 1
            guard inventory[l]!.rechargeIn == 0 else { continue }
            inventory[l]!.enchantKnown = true
            let what = catalog.items[item.kind].category == .ring ? "ring" : "armor"
            events.append(.message("You are now familiar enough with your \(what) to identify it: \(displayName(inventory[l]!)).", .info))
        }
    }

    /// The kind of `item` becomes known (by use or identification); returns whether it was new.
    @discardableResult
    mutating func learn(_ kind: Int, _ events: inout [GameEvent]) -> Bool {
        guard !knownKinds[kind] else { return false }
        knownKinds[kind] = true
        events.append(.identified(kind: kind))
        return true
    }
}
