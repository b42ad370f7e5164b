import BrogueCore

/// Which key does what. Keys are named as the config file writes them: a printable character
/// as itself (`k`, `>`, `?`), named keys as `up`, `down`, `left`, `right`, `home`, `end`,
/// `page-up`, `page-down`, `insert`, `delete`, `enter`, `escape`, `tab`, `back-tab`,
/// `backspace`, `center` (the keypad's middle key), `f1`..., and control keys as `ctrl-c`.
/// The keypad's digits arrive as the digits themselves.
public struct Keymap: Sendable {
    public private(set) var bindings: [String: Command]

    public init(bindings: [String: Command]) { self.bindings = bindings }

    /// Brogue's keys: arrows, vi keys, the numpad, and one letter per command.
    public static let standard: Keymap = {
        var b: [String: Command] = [:]
        let vi: [(String, String, Int)] = [
            ("k", "up", 0), ("l", "right", 1), ("j", "down", 2), ("h", "left", 3),
            ("u", "page-up", 4), ("n", "page-down", 5), ("b", "end", 6), ("y", "home", 7),
        ]
        let keypad = ["8", "6", "2", "4", "9", "3", "1", "7"]
        for (letter, named, dir) in vi {
            let d = Direction(rawValue: dir)!
            b[letter] = .move(d)
            b[named] = .move(d)
            b[keypad[dir]] = .move(d)
            b[letter.uppercased()] = .run(d)
        }
        b["5"] = .rest
        b["center"] = .rest
        b["z"] = .rest
        b["Z"] = .restUntilBetter
        b["s"] = .search
        b["x"] = .explore
        b[">"] = .travelDown
        b["<"] = .travelUp
        b[","] = .pickUp
        b["g"] = .pickUp
        b["i"] = .inventory
        b["e"] = .equip
        b["r"] = .remove
        b["q"] = .quaff
        b["R"] = .read
        b["a"] = .eat
        b["t"] = .throwItem
        b["v"] = .zap
        b["c"] = .useCharm
        b["d"] = .drop
        b["D"] = .discoveries
        b["A"] = .allies
        b["M"] = .messages
        b["?"] = .help
        b["S"] = .saveAndQuit
        b["Q"] = .abandon
        b["ctrl-c"] = .saveAndQuit
        b["escape"] = .cancel
        b["enter"] = .confirm
        return Keymap(bindings: b)
    }()

    public func command(for key: String) -> Command? { bindings[key] }

    /// The keys bound to `command`, sorted for display.
    public func keys(for command: Command) -> [String] {
        bindings.filter { $0.value == command }.map(\.key).sorted()
    }

    /// Binds `keys` to `command`, replacing what those keys did before.
    public mutating func bind(_ keys: [String], to command: Command) {
        for k in keys { bindings[k] = command }
    }
}
