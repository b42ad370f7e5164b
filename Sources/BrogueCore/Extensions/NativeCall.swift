/// A function from a plugin's native library that content may call, such as
/// `alchemy.brew-strength`: whole numbers in, a whole number out.
///
/// Natives must be pure: the same arguments always give the same result, with no clock, no
/// randomness and no state kept between calls, so games stay deterministic.
public protocol NativeRule: Sendable {
    /// How many arguments it takes.
    var arity: Int { get }
    /// Why content cannot call it (a `string` argument, say), or nil when it can.
    var unusableReason: String? { get }
    /// Calls it.
    /// - Parameter arguments: `arity` whole numbers, each already within the argument's type.
    /// - Returns: its result, or nil when the call failed (the host logs why).
    func call(_ arguments: [Int]) -> Int?
}

/// A value from the game that content passes to a native.
public enum NativeArgument: Hashable, Sendable {
    /// The current depth (1 is the first level).
    case depth
    /// Turns played so far.
    case turn
    /// The item kind's `power`.
    case power
    /// The player's hit points now.
    case playerHP
    /// The player's maximum hit points.
    case playerMaxHP
    /// The player's strength.
    case playerStrength
    /// Gold carried.
    case gold
    /// A whole number written in the content.
    case constant(Int)

    /// Every name content may write, in the order the docs list them.
    public static let names = ["depth", "turn", "power", "player-hp", "player-max-hp", "player-strength", "gold"]

    /// The argument a name stands for, or a whole number; nil for anything else.
    public init?(name: String) {
        switch name {
        case "depth": self = .depth
        case "turn": self = .turn
        case "power": self = .power
        case "player-hp": self = .playerHP
        case "player-max-hp": self = .playerMaxHP
        case "player-strength": self = .playerStrength
        case "gold": self = .gold
        default:
            guard let n = Int(name), (-1_000_000...1_000_000).contains(n) else { return nil }
            self = .constant(n)
        }
    }

    /// How content writes it.
    public var name: String {
        switch self {
        case .depth: "depth"
        case .turn: "turn"
        case .power: "power"
        case .playerHP: "player-hp"
        case .playerMaxHP: "player-max-hp"
        case .playerStrength: "player-strength"
        case .gold: "gold"
        case .constant(let n): String(n)
        }
    }
}

/// An item whose power comes from a native: `effect: {native: alchemy.brew-strength, args: [depth], then: heal}`
/// calls `alchemy.brew-strength(depth)` when the item is used and runs `heal` with the result as its power.
public struct NativeCall: Hashable, Sendable {
    /// The native, `<plugin-id>.<name>` as its plugin.yaml declares it.
    public var native: String
    /// What to pass, in order.
    public var arguments: [NativeArgument]

    /// The most a native's result may be; larger results are cut to it (and smaller to `-limit`).
    public static let limit = 1_000_000

    public init(native: String, arguments: [NativeArgument]) {
        self.native = native
        self.arguments = arguments
    }
}

extension Game {
    /// The value of one native argument now.
    func value(of argument: NativeArgument, power: Int) -> Int {
        switch argument {
        case .depth: depth
        case .turn: turn
        case .power: power
        case .playerHP: player.hp
        case .playerMaxHP: player.maxHP
        case .playerStrength: strength
        case .gold: gold
        case .constant(let n): n
        }
    }

    /// Calls an item's native and returns the power its effect then runs with; the kind's own
    /// `power` when the native is missing or its call fails.
    func nativePower(_ call: NativeCall, power: Int) -> Int {
        guard let rule = catalog.extensions.natives[call.native], rule.arity == call.arguments.count else { return power }
        guard let result = rule.call(call.arguments.map { value(of: $0, power: power) }) else { return power }
        return min(NativeCall.limit, max(-NativeCall.limit, result))
    }
}
