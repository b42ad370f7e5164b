/// Everything a store can fail with. Each case's `description` says where, what happened and
/// what to do; none of them means a game that was already stored has been lost.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not a database or is damaged. It was not modified.
    case corrupt(path: String, detail: String)
    /// The file was written by a newer build (it records migrations this build doesn't know).
    /// Nothing was written.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Another connection held the write lock for longer than the busy timeout.
    case locked(path: String, timeoutSeconds: Double)
    /// The file or its folder cannot be written, or the store was opened read-only.
    case readOnly(path: String, detail: String)
    /// The disk (or the store's size cap) is full; the write was rolled back.
    case diskFull(path: String)
    /// The file or its folder could not be opened or created.
    case cannotOpen(path: String, detail: String)
    /// Any other database failure, with the database's own words.
    case database(path: String, detail: String)
    /// No game has this id.
    case gameNotFound(id: Int64)
    /// The game is over and takes no more actions.
    case gameFinished(id: Int64, status: GameStatus)
    /// An appended action did not carry the next `seq`: a double write or a gap.
    case outOfSequence(gameID: Int64, expected: Int, got: Int)
    /// One game's stored data does not read back (edited by hand, or damaged).
    case damagedGame(id: Int64, detail: String)
    /// The caller passed something the store refuses to keep.
    case invalidArgument(String)
    /// An export document was refused on import.
    case invalidImport(String)
    /// An account already has this name, ignoring case.
    case accountNameTaken(name: String)
    /// No account has this name.
    case accountNotFound(name: String)
    /// The database server did not answer or refused the connection. `server` is
    /// `host:port/database`, never with the password.
    case unreachable(server: String, detail: String)
    /// Every connection of the store's pool stayed in use for longer than the wait allowed.
    case poolExhausted(server: String, connections: Int, waitedSeconds: Double)
    /// A fenced write or a renewal came from an instance whose lease on the game is gone:
    /// another instance took it (a higher epoch) or it was released. Nothing was written.
    case leaseLost(gameID: Int64, holder: String, epoch: Int64, current: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            return "\(path): not a readable Brogue game database (\(detail)). The file was not changed. "
                + "Move it aside (e.g. `mv '\(path)' '\(path).broken'`) to start a new one, and keep the copy in case it can be recovered."
        case .newerSchema(let path, let unknown):
            return "\(path): written by a newer Brogue (schema steps this build does not know: \(unknown.joined(separator: ", "))). "
                + "Nothing was written. Update Brogue, or set BROGUE_DATA_DIR to another folder to use a separate store."
        case .locked(let path, let timeout):
            return "\(path): busy: another process or connection held the write lock for more than \(Self.seconds(timeout)). "
                + "Nothing was written. Close the other Brogue using this file, then try again."
        case .readOnly(let path, let detail):
            return "\(path): cannot be written (\(detail)). Games can still be listed and exported by opening the store read-only; "
                + "to play, make the file and its folder writable or set BROGUE_DATA_DIR to a writable folder."
        case .diskFull(let path):
            return "\(path): the disk is full, so the last write was rolled back; everything stored before it is intact. "
                + "Free some disk space, then try again."
        case .cannotOpen(let path, let detail) where path.hasPrefix("postgres://"):
            return "\(path): cannot open the game store (\(detail)). Check that the database exists (createdb) "
                + "and that this user may connect to it, or fix the address."
        case .cannotOpen(let path, let detail):
            return "\(path): cannot open the game store (\(detail)). Check that the folder exists and is accessible, "
                + "or set BROGUE_DATA_DIR to another folder."
        case .database(let path, let detail):
            return "\(path): database error (\(detail)). Nothing was written by the failed operation; "
                + "if this repeats, export your games and report the message."
        case .gameNotFound(let id):
            return "game \(id): no such game in this store. List the games to see their ids."
        case .gameFinished(let id, let status):
            return "game \(id): already finished (\(status.rawValue)), so it takes no more actions. Start a new game."
        case .outOfSequence(let gameID, let expected, let got):
            return "game \(gameID): refused action seq \(got): the next action must be seq \(expected) "
                + "(\(got < expected ? "that action is already stored: a double write" : "actions are missing before it: a gap")). "
                + "Reload the game from the store to resynchronise."
        case .damagedGame(let id, let detail):
            return "game \(id): its stored data does not read back (\(detail)). Other games are unaffected; "
                + "export this one to inspect it, or leave it unplayed."
        case .invalidArgument(let detail):
            return "store: refused: \(detail). Fix the caller; nothing was written."
        case .invalidImport(let detail):
            return "import: refused: \(detail). Nothing was imported; check that the file is an unmodified `brogue-game` export."
        case .accountNameTaken(let name):
            return "account '\(name)': the name is taken (names ignore case). Nothing was written; choose another name."
        case .accountNotFound(let name):
            return "account '\(name)': no such account in this store. Nothing was written; create the account first."
        case .unreachable(let server, let detail):
            return "\(server): cannot reach the database server (\(detail)). Nothing was written. "
                + "Check that PostgreSQL is running and accepts connections there (host, port, sslmode), then try again."
        case .poolExhausted(let server, let connections, let waited):
            return "\(server): all \(connections) connections of the store stayed busy for \(Self.seconds(waited)). Nothing was written. "
                + "Try again; if this repeats, allow the store more connections or look for slow queries on the server."
        case .leaseLost(let gameID, let holder, let epoch, let current):
            return "game \(gameID): '\(holder)' no longer holds the game's lease (epoch \(epoch); now \(current)). Nothing was written. "
                + "Stop hosting the game here; the instance that holds the lease serves it."
        }
    }

    /// Whether the same call may succeed later without anything being changed: the server was
    /// unreachable or busy. Startup waits retry these; a refused password or a bad URL is not one.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .poolExhausted: true
        default: false
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
