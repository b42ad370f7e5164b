import BrogueCore
public import BrogueStore
import Foundation

/// Why a stored game cannot be rebuilt exactly; the game is left as it is in every case.
public enum RebuildError: Error, CustomStringConvertible, Equatable {
    case contentChanged(game: Int64, stored: UInt64, storedSet: [ContentRef], loaded: UInt64, loadedSet: [ContentRef])
    case badAction(game: Int64, index: Int, text: String)
    case hashMismatch(game: Int64, stored: UInt64, replayed: UInt64, actions: Int)

    public var description: String {
        switch self {
        case .contentChanged(let id, let stored, let storedSet, let loaded, let loadedSet):
            "game \(id) was played with content \(Self.describe(storedSet)) (hash \(stored.hex16)), but the loaded content "
                + "\(Self.describe(loadedSet)) has hash \(loaded.hex16): \(Self.difference(storedSet, loadedSet)). Replaying it would "
                + "not give the same game, so it was left as it is. Load the same plugins (--content, --plugin, BROGUE_PLUGIN_PATH, "
                + "brogue.yaml) to continue it."
        case .badAction(let id, let index, let text):
            "game \(id): stored action \(index) ('\(text)') is not an action this version understands; the save is damaged "
                + "or from a newer version. It was left as it is."
        case .hashMismatch(let id, let stored, let replayed, let actions):
            "game \(id): replaying its \(actions) actions gives stateHash \(replayed.hex16), but the save says \(stored.hex16). "
                + "The action log or the rules changed since it was saved; it was left as it is."
        }
    }

    static func describe(_ set: [ContentRef]) -> String { set.map { "\($0.id) \($0.version)" }.joined(separator: ", ") }

    /// What differs between two content sets, in words.
    static func difference(_ then: [ContentRef], _ now: [ContentRef]) -> String {
        var out: [String] = []
        for old in then {
            guard let new = now.first(where: { $0.id == old.id }) else {
                out.append("plugin '\(old.id)' \(old.version) is not loaded now")
                continue
            }
            guard new.version != old.version else { continue }
            let (oldVersion, oldLibrary) = splitLibrary(old.version)
            let (newVersion, newLibrary) = splitLibrary(new.version)
            if oldVersion == newVersion {
                out.append(
                    "plugin '\(old.id)' \(oldVersion) has a different library build (library hash \(oldLibrary ?? "none") then, \(newLibrary ?? "none") now)"
                )
            } else {
                out.append("plugin '\(old.id)' was version \(oldVersion) then and is \(newVersion) now")
            }
        }
        for new in now where !then.contains(where: { $0.id == new.id }) {
            out.append("plugin '\(new.id)' \(new.version) was not loaded then")
        }
        if out.isEmpty { out.append("the same plugins, but their YAML content changed") }
        if then.map(\.id) != now.map(\.id) && Set(then.map(\.id)) == Set(now.map(\.id)) { out.append("the plugins load in a different order") }
        return out.joined(separator: "; ")
    }

    /// A stored version split into the plugin's version and its library hash (`1.0.0+lib.<hash>`).
    private static func splitLibrary(_ v: String) -> (String, String?) {
        guard let r = v.range(of: "lib.", options: .backwards), r.lowerBound > v.startIndex,
            [".", "+"].contains(v[v.index(before: r.lowerBound)])
        else { return (v, nil) }
        return (String(v[..<v.index(before: r.lowerBound)]), String(v[r.upperBound...]))
    }
}
