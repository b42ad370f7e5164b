/// An item instance: a kind from the catalog plus what makes this one different.
public struct Item: Sendable, Hashable {
    /// Index into `ContentCatalog.items`.
    public var kind: Int
    public var quantity: Int
    /// Weapons and armor: bonus (or, when negative, malus) to accuracy/damage or armor. Staffs,
    /// rings and charms: their level; a ring below 0 is cursed.
    public var enchant: Int
    /// Weapons and armor: whether the enchantment is known (it is once the item is equipped).
    /// Rings: once worn long enough, or identified.
    public var enchantKnown: Bool
    /// Keys: the machine (1-based index into `Level.machines`) whose locks it opens, on the
    /// depth in `keyDepth`; 0 for every other item.
    public var opensMachine: Int
    public var keyDepth: Int
    /// Staffs and wands: charges left (a staff holds at most its enchantment). Charms: 1 when ready.
    public var charges: Int
    /// Staffs and charms: turns until the next charge comes back. Worn rings: turns until the
    /// wearer learns their enchantment.
    public var rechargeIn: Int
    /// A cursed item (enchantment below 0) whose curse a scroll lifted: it can be taken off.
    public var curseLifted: Bool = false
    /// Weapons and armor: the runic it carries, as an index + 1 into `ContentCatalog.runics`; 0 for none.
    public var runic: Int = 0
    /// Whether the player knows the runic: it has acted once, or the item was identified.
    public var runicKnown: Bool = false
    /// Weapons and armor: a scroll made it proof against acid.
    public var acidProof: Bool = false

    public init(kind: Int, quantity: Int = 1, enchant: Int = 0, enchantKnown: Bool = false) {
        self.kind = kind
        self.quantity = quantity
        self.enchant = enchant
        self.enchantKnown = enchantKnown
        self.opensMachine = 0
        self.keyDepth = 0
        self.charges = 0
        self.rechargeIn = 0
    }

    /// Whether `other` may join this item's inventory stack: potions, scrolls and food of a
    /// kind, and missiles of a kind with the same enchantment.
    func stacks(with other: Item, kind k: ItemKind) -> Bool {
        guard kind == other.kind, opensMachine == other.opensMachine, keyDepth == other.keyDepth else { return false }
        if k.category.stacks { return true }
        return k.throwable && enchant == other.enchant && enchantKnown == other.enchantKnown
    }
}

/// An inventory letter, `a` to `z`. Stored as its ASCII code so actions stay plain data.
public struct Letter: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let ascii: UInt8

    public init?(_ c: Character) {
        guard let a = c.asciiValue, a >= UInt8(ascii: "a"), a <= UInt8(ascii: "z") else { return nil }
        ascii = a
    }

    init(index: Int) { ascii = UInt8(ascii: "a") + UInt8(index) }

    public var index: Int { Int(ascii - UInt8(ascii: "a")) }
    public var character: Character { Character(Unicode.Scalar(ascii)) }
    public var description: String { String(character) }
    public static func < (a: Letter, b: Letter) -> Bool { a.ascii < b.ascii }
    public static let all: [Letter] = (0..<26).map { Letter(index: $0) }
}

/// What the player carries.
public struct Inventory: Sendable, Hashable {
    public static let capacity = 26

    /// Carried items by letter; nil where a letter is free.
    public private(set) var slots: [Item?] = Array(repeating: nil, count: Inventory.capacity)
    public var weapon: Letter?
    public var armor: Letter?
    /// The rings worn, in the order they were put on (two at most).
    public var rings: [Letter] = []

    /// How many rings can be worn at once.
    public static let ringSlots = 2

    /// Whether the item at `letter` is wielded or worn.
    public func isEquipped(_ letter: Letter) -> Bool { weapon == letter || armor == letter || rings.contains(letter) }

    public init() {}

    public subscript(letter: Letter) -> Item? {
        get { slots[letter.index] }
        set { slots[letter.index] = newValue }
    }

    /// Letters in use, in alphabetical order.
    public var letters: [Letter] { Letter.all.filter { slots[$0.index] != nil } }

    public var isFull: Bool { !slots.contains { $0 == nil } }

    /// Adds an item, merging it with a stack it belongs to; returns its letter, or nil when full.
    public mutating func add(_ item: Item, catalog: ContentCatalog) -> Letter? {
        let kind = catalog.items[item.kind]
        for l in Letter.all {
            if let existing = slots[l.index], existing.stacks(with: item, kind: kind) {
                slots[l.index]!.quantity += item.quantity
                return l
            }
        }
        guard let free = Letter.all.first(where: { slots[$0.index] == nil }) else { return nil }
        slots[free.index] = item
        return free
    }

    /// Removes `count` of the item at `letter` (all when nil) and returns what was removed.
    public mutating func take(_ letter: Letter, count: Int? = nil) -> Item? {
        guard var item = slots[letter.index] else { return nil }
        let n = min(count ?? item.quantity, item.quantity)
        if n >= item.quantity {
            slots[letter.index] = nil
            if weapon == letter { weapon = nil }
            if armor == letter { armor = nil }
            rings.removeAll { $0 == letter }
            return item
        }
        slots[letter.index]!.quantity -= n
        item.quantity = n
        return item
    }
}
