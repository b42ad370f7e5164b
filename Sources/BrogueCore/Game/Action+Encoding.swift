/// A compact, stable text form of an action, for action logs, saves, replays and the wire.
///
/// The form never changes meaning once shipped: new actions get new tags.
///
/// | action | text |
/// | --- | --- |
/// | move north (directions 0-7: n e s w ne se sw nw) | `m0` |
/// | rest, search, pick up, descend, ascend, explore step | `z`, `s`, `p`, `>`, `<`, `x` |
/// | drop a, equip a, remove a, quaff a, eat a | `da`, `ea`, `ra`, `qa`, `Ea` |
/// | read a (at b) | `Ra`, `Rab` |
/// | use (a charm) a | `ua` |
/// | throw a at (10,5) | `ta10,5` |
/// | zap a at (10,5) | `Za10,5` |
/// | travel to (10,5) | `T10,5` |
extension Action {
    public var encoded: String {
        switch self {
        case .move(let d): "m\(d.rawValue)"
        case .rest: "z"
        case .search: "s"
        case .pickUp: "p"
        case .descend: ">"
        case .ascend: "<"
        case .exploreStep: "x"
        case .drop(let l): "d\(l)"
        case .equip(let l): "e\(l)"
        case .remove(let l): "r\(l)"
        case .quaff(let l): "q\(l)"
        case .eat(let l): "E\(l)"
        case .use(let l): "u\(l)"
        case .read(let l, let t): "R\(l)" + (t.map { "\($0)" } ?? "")
        case .throwItem(let l, let p): "t\(l)\(p.x),\(p.y)"
        case .zap(let l, let p): "Z\(l)\(p.x),\(p.y)"
        case .travel(let p): "T\(p.x),\(p.y)"
        }
    }

    /// Parses `encoded`; nil for anything malformed (the caller reports where).
    public init?(encoded text: String) {
        let chars = Array(text)
        guard let tag = chars.first else { return nil }
        let rest = Array(chars.dropFirst())
        func letter(_ i: Int) -> Letter? { i < rest.count ? Letter(rest[i]) : nil }
        func point(_ s: ArraySlice<Character>) -> Point? {
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let x = Int(String(parts[0])), let y = Int(String(parts[1])),
                (0..<Dungeon.width).contains(x), (0..<Dungeon.height).contains(y)
            else { return nil }
            return Point(x, y)
        }
        switch tag {
        case "m":
            guard rest.count == 1, let v = Int(String(rest[0])), let d = Direction(rawValue: v) else { return nil }
            self = .move(d)
        case "z", "s", "p", ">", "<", "x":
            guard rest.isEmpty else { return nil }
            switch tag {
            case "z": self = .rest
            case "s": self = .search
            case "p": self = .pickUp
            case ">": self = .descend
            case "<": self = .ascend
            default: self = .exploreStep
            }
        case "d", "e", "r", "q", "E", "u":
            guard rest.count == 1, let l = letter(0) else { return nil }
            switch tag {
            case "d": self = .drop(l)
            case "e": self = .equip(l)
            case "r": self = .remove(l)
            case "q": self = .quaff(l)
            case "u": self = .use(l)
            default: self = .eat(l)
            }
        case "R":
            guard let l = letter(0), rest.count <= 2 else { return nil }
            if rest.count == 2 {
                guard let t = letter(1) else { return nil }
                self = .read(l, target: t)
            } else {
                self = .read(l, target: nil)
            }
        case "t":
            guard let l = letter(0), let p = point(rest.dropFirst()) else { return nil }
            self = .throwItem(l, at: p)
        case "Z":
            guard let l = letter(0), let p = point(rest.dropFirst()) else { return nil }
            self = .zap(l, at: p)
        case "T":
            guard let p = point(rest[...]) else { return nil }
            self = .travel(to: p)
        default:
            return nil
        }
    }
}
