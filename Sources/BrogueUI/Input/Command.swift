public import BrogueCore

/// What a key asks for, before the game state turns it into actions.
public enum Command: Hashable, Sendable {
    case move(Direction)
    /// Run in a direction until something interesting happens (shift + direction).
    case run(Direction)
    case rest
    case restUntilBetter
    case search
    case explore
    case travelDown
    case travelUp
    case pickUp
    case inventory
    case equip
    case remove
    case quaff
    case read
    case eat
    case throwItem
    case zap
    case useCharm
    case drop
    case discoveries
    case allies
    case messages
    case help
    case saveAndQuit
    case abandon
    case cancel
    case confirm

    /// The name used in the config file's `keys:` section, and in the help screen.
    public var name: String {
        switch self {
        case .move(let d): "move-\(Command.directionNames[d.rawValue])"
        case .run(let d): "run-\(Command.directionNames[d.rawValue])"
        case .rest: "rest"
        case .restUntilBetter: "rest-until-better"
        case .search: "search"
        case .explore: "explore"
        case .travelDown: "travel-down"
        case .travelUp: "travel-up"
        case .pickUp: "pick-up"
        case .inventory: "inventory"
        case .equip: "equip"
        case .remove: "remove"
        case .quaff: "quaff"
        case .read: "read"
        case .eat: "eat"
        case .throwItem: "throw"
        case .zap: "zap"
        case .useCharm: "use-charm"
        case .drop: "drop"
        case .discoveries: "discoveries"
        case .allies: "allies"
        case .messages: "messages"
        case .help: "help"
        case .saveAndQuit: "save-and-quit"
        case .abandon: "abandon"
        case .cancel: "cancel"
        case .confirm: "confirm"
        }
    }

    /// One line for the help screen.
    public var summary: String {
        switch self {
        case .move(let d): "move or attack \(Command.directionNames[d.rawValue])"
        case .run(let d): "run \(Command.directionNames[d.rawValue])"
        case .rest: "rest one turn"
        case .restUntilBetter: "rest until healed or interrupted"
        case .search: "search (one turn; the 5th in a row is a strong search)"
        case .explore: "explore until something interesting happens"
        case .travelDown: "travel to the down stairs and descend"
        case .travelUp: "travel to the up stairs and ascend"
        case .pickUp: "pick up what is here"
        case .inventory: "show the inventory"
        case .equip: "equip a weapon, armor or ring"
        case .remove: "remove a weapon, armor or ring"
        case .quaff: "drink a potion"
        case .read: "read a scroll"
        case .eat: "eat food"
        case .throwItem: "throw an item (aim: Tab next target, move keys, Enter)"
        case .zap: "zap a staff or wand (aim: Tab next target, move keys, Enter)"
        case .useCharm: "use a charm"
        case .drop: "drop an item"
        case .discoveries: "list the item kinds you know and those you do not"
        case .allies: "your allies: health, place, what they learned"
        case .messages: "show older messages"
        case .help: "show this help"
        case .saveAndQuit: "save and quit"
        case .abandon: "quit and abandon the game (asks first)"
        case .cancel: "cancel"
        case .confirm: "confirm"
        }
    }

    static let directionNames = ["north", "east", "south", "west", "northeast", "southeast", "southwest", "northwest"]

    /// Every command a key can be bound to, in help-screen order.
    public static let all: [Command] =
        Direction.allCases.map { .move($0) } + Direction.allCases.map { .run($0) } + [
            .rest, .restUntilBetter, .search, .explore, .travelDown, .travelUp, .pickUp, .inventory, .equip, .remove, .quaff, .read, .eat,
            .throwItem, .zap, .useCharm, .drop, .discoveries, .allies, .messages, .help, .saveAndQuit, .abandon, .cancel, .confirm,
        ]

    /// The command named `name` in a config file, if any.
    public init?(name: String) {
        guard let c = Command.all.first(where: { $0.name == name }) else { return nil }
        self = c
    }
}
