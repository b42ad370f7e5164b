import BrogueContent
import BrogueCore
import BrogueStore
import BrogueUI
import Foundation

/// Starting, resuming and ending stored games: the glue between the store and the rules.
struct SavedGames {
    let store: any GameStore
    let content: LoadedContent

    /// The plugins, with a native plugin's library hash as semver build metadata
    /// (`0.1.0+lib.1a2b...`), so a game names the build it was played with.
    var contentSet: [ContentRef] { content.contentSet.map(Self.ref) }

    static func ref(_ m: ContentSetMember) -> ContentRef {
        guard let library = m.libraryHash else { return ContentRef(id: m.id, version: m.version) }
        return ContentRef(id: m.id, version: m.version + (m.version.contains("+") ? "." : "+") + "lib." + library.hex16)
    }

    /// Why a stored game cannot be rebuilt.
    enum RebuildError: Error, CustomStringConvertible {
        case contentChanged(game: Int64, stored: UInt64, storedSet: [ContentRef], loaded: UInt64, loadedSet: [ContentRef])
        case badAction(game: Int64, index: Int, text: String)
        case hashMismatch(game: Int64, stored: UInt64, replayed: UInt64, actions: Int)

        var description: String {
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
            func split(_ v: String) -> (String, String?) {
                guard let r = v.range(of: "lib.", options: .backwards), r.lowerBound > v.startIndex,
                    [".", "+"].contains(v[v.index(before: r.lowerBound)])
                else { return (v, nil) }
                return (String(v[..<v.index(before: r.lowerBound)]), String(v[r.upperBound...]))
            }
            for old in then {
                guard let new = now.first(where: { $0.id == old.id }) else {
                    out.append("plugin '\(old.id)' \(old.version) is not loaded now")
                    continue
                }
                guard new.version != old.version else { continue }
                let (oldVersion, oldLibrary) = split(old.version)
                let (newVersion, newLibrary) = split(new.version)
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
    }

    /// Creates a new game and its row.
    func start(seed: UInt64) throws -> (Game, GameRecord) {
        let game = Game(seed: seed, catalog: content.catalog)
        return (game, try store.createGame(for: game, contentSet: contentSet))
    }

    /// Rebuilds a stored game by replaying its log, checking the content and the final hash.
    /// - Parameter onEvents: sees each replayed action's events and the turn after it.
    func rebuild(_ stored: StoredGame, checkHash: Bool = true, onEvents: ([GameEvent], Int) -> Void = { _, _ in }) throws -> Game {
        let record = stored.record
        guard record.contentHash == content.catalog.contentHash else {
            throw RebuildError.contentChanged(
                game: record.id,
                stored: record.contentHash,
                storedSet: record.contentSet,
                loaded: content.catalog.contentHash,
                loadedSet: contentSet
            )
        }
        var game = Game(seed: record.seed, catalog: content.catalog)
        for (i, text) in stored.actions.enumerated() {
            guard let action = Action(encoded: text) else { throw RebuildError.badAction(game: record.id, index: i, text: text) }
            let events = game.apply(action)
            onEvents(events, game.turn)
        }
        if checkHash && game.stateHash != record.summary.stateHash {
            throw RebuildError.hashMismatch(
                game: record.id,
                stored: record.summary.stateHash,
                replayed: game.stateHash,
                actions: stored.actions.count
            )
        }
        return game
    }

    /// Records how a game ended, with its score, unless it already is.
    func finish(_ record: GameRecord, game: Game, abandoned: Bool) throws {
        guard let current = try store.game(id: record.id), !current.status.isFinished else { return }
        let status: GameStatus
        var cause: String?
        switch game.outcome {
        case .won: status = .won
        case .died(let c, _):
            status = .died
            cause = c
        case .playing:
            guard abandoned else { return }
            status = .abandoned
            cause = "abandoned"
        }
        try store.finishGame(
            id: record.id,
            status: status,
            cause: cause,
            summary: GameSummary(game),
            score: ScoreEntry(points: game.score, playerName: nil)
        )
    }
}

/// Stores each action a session applies, in order, before the session keeps the new state.
final class StoreRecorder: ActionRecorder {
    let store: any GameStore
    let gameID: Int64
    private(set) var nextSeq: Int

    init(store: any GameStore, record: GameRecord) {
        self.store = store
        self.gameID = record.id
        self.nextSeq = record.nextSeq
    }

    func record(_ action: Action, after game: Game) throws {
        try store.appendAction(gameID: gameID, seq: nextSeq, action: action, game: game)
        nextSeq += 1
    }
}
