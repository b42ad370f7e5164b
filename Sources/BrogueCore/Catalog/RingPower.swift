/// What a worn ring changes. Each level of enchantment adds the ring kind's `power` to it (a
/// cursed ring, with negative enchantment, takes it away); two worn rings of one power add up.
public enum RingPower: String, CaseIterable, Sendable, Codable {
    /// Cells within `power` x level of the player are revealed each turn, seen or not; cursed, the
    /// cells from 2 steps out to that radius are hidden from sight.
    case clairvoyance
    /// Monsters notice the player `power` x level cells closer (cursed: farther).
    case stealth
    /// Hit points come back faster: each `power` x level makes a point take 3/4 as long (cursed: 4/3).
    case regeneration
    /// A melee hit heals the player `power` x level percent of the damage dealt (cursed: drains it).
    case transference
    /// The light radius grows by `power` x level cells (cursed: shrinks, to 1 at least).
    case light
    /// Searching finds secrets `power` x level percent more often, and each turn searches by itself
    /// at that chance (cursed: searching finds less).
    case awareness
    /// Staffs and charms recharge faster: each `power` x level makes a charge take 3/4 as long (cursed: 4/3).
    case wisdom
    /// A melee hit brings staffs and charms `power` x level turns nearer their next charge per point
    /// of damage (cursed: farther).
    case reaping
}
