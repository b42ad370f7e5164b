/// The built-in rule functions a potion or scroll may name as its `effect`.
///
/// Content refers to them by their raw value. `power` in the item kind tunes each one; the
/// comment says how it is read.
public enum ItemEffect: String, CaseIterable, Sendable, Codable {
    /// Heals `power` percent of maximum hit points and cures confusion and darkness.
    case heal
    /// Moves the user to a random open cell far from where it stood.
    case teleport
    /// Identifies the chosen item, or the first unidentified one.
    case identify
    /// Adds `power` (default 1) to the chosen weapon's or armor's enchantment.
    case enchant
    /// Adds `power` (default 1) to strength.
    case strength
    /// Adds `power` to maximum hit points and heals fully.
    case life
    /// Sinks the user through the floor to the next depth.
    case descent
    /// Reveals the layout of the whole level.
    case magicMapping = "magic-mapping"
    /// Doubles speed for `power` turns.
    case haste
    /// Shows every monster on the level for `power` turns.
    case telepathy
    /// Shows where every item on the level lies.
    case detectMagic = "detect-magic"
    /// Malevolent: moves stagger at random for `power` turns.
    case confusion
    /// Malevolent: shrinks the light radius for `power` turns (and makes the user stealthier).
    case darkness
    /// Malevolent: burns the user and every creature next to it for `power` damage.
    case incineration
    /// Malevolent: the user cannot act for `power` turns.
    case paralysis
    /// Malevolent: wakes every monster on the level and sends it hunting.
    case aggravateMonsters = "aggravate-monsters"
    /// Malevolent: `power` monsters of the depth appear next to the user.
    case summonMonsters = "summon-monsters"
    /// A shield that absorbs `power` damage from blows, for 20 turns.
    case protection
    /// Monsters more than 2 steps away cannot see the user, for `power` turns.
    case invisibility
    /// Floats over chasms, lava and traps for `power` turns.
    case levitation
    /// Fire and lava do not harm the user for `power` turns.
    case fireImmunity = "fire-immunity"
    /// Walls within `power` steps (not the map's rim, not vaults) crumble to floor.
    case shattering
    /// Every staff carried regains all its charges and every charm is ready.
    case recharging
    /// Every monster in view is stripped of its magic (as a bolt of negation).
    case negation
    /// Every monster in view fights its own side for `power` turns.
    case discord
    /// Lifts the curse of every cursed item carried: it keeps its enchantment but can be taken off.
    case removeCurse = "remove-curse"
    /// Malevolent: for `power` turns the monsters the player sees look like random other kinds (the rules are unchanged).
    case hallucination
    /// Malevolent: `power` lichen (the content's `lichen` monster) sprout on open cells 2 to 4 steps from the user.
    case creepingDeath = "creeping-death"
    /// The worn armor can no longer be corroded by acid.
    case protectArmor = "protect-armor"
    /// The wielded weapon can no longer be corroded by acid.
    case protectWeapon = "protect-weapon"
    /// Sacred glyphs (the content's `sacred-glyphs` terrain) cover the open cells within `power` steps; monsters never enter them.
    case sanctity
    /// Fear ends and cannot take hold for `power` turns (see `BoltEffect.frighten`).
    case fearImmunity = "fear-immunity"
    /// Heals `power` percent of maximum hit points, cures every ailment a potion of healing does and
    /// poison, slowness and hallucination besides, and heals every ally in view by the same share.
    case extraHealing = "extra-healing"

    /// Whether the effect needs an item to act on (the UI asks which).
    public var needsTarget: Bool { self == .identify || self == .enchant }
}
