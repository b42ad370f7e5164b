import BrogueStore
import PostgresNIO

/// The PostgreSQL schema as named, forward-only migrations, by the same rules as SQLite's
/// `StoreSchema`: never edited once shipped, a change is a new migration at the end, each in
/// its own transaction, and a database recording a name not listed here is refused.
///
/// The tables and columns are SQLite's, in PostgreSQL's types: timestamps are `timestamptz`,
/// counts `bigint`; the unsigned seed and the hashes stay text, as `StoreText` spells them.
enum PostgresSchema {
    /// `pg_advisory_xact_lock`'s key: the migrating transaction holds it, so two processes
    /// starting at once migrate one after the other ("Brogue" in ASCII).
    static let lockKey: Int64 = 0x4272_6F67_7565

    static let migrations: [(name: String, statements: [PostgresQuery])] = [
        (
            "v1-games-actions-scores",
            [
                """
                CREATE TABLE game (
                    id BIGSERIAL PRIMARY KEY,
                    seed TEXT NOT NULL CHECK (seed ~ '^[0-9]{1,20}$'),
                    content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
                    content_set TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('playing', 'won', 'died', 'abandoned')),
                    depth BIGINT NOT NULL CHECK (depth >= 0),
                    deepest BIGINT NOT NULL CHECK (deepest >= 0),
                    turns BIGINT NOT NULL CHECK (turns >= 0),
                    gold BIGINT NOT NULL CHECK (gold >= 0),
                    state_hash TEXT NOT NULL CHECK (length(state_hash) = 16),
                    cause TEXT,
                    started_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    action_count BIGINT NOT NULL CHECK (action_count >= 0)
                )
                """,
                "CREATE INDEX game_by_status ON game (status)",
                """
                CREATE TABLE action (
                    game_id BIGINT NOT NULL REFERENCES game (id) ON DELETE CASCADE,
                    seq BIGINT NOT NULL CHECK (seq >= 0),
                    action TEXT NOT NULL,
                    PRIMARY KEY (game_id, seq)
                )
                """,
                """
                CREATE TABLE score (
                    id BIGSERIAL PRIMARY KEY,
                    game_id BIGINT NOT NULL UNIQUE REFERENCES game (id) ON DELETE CASCADE,
                    content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
                    score BIGINT NOT NULL,
                    depth BIGINT NOT NULL,
                    turns BIGINT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('won', 'died', 'abandoned')),
                    cause TEXT,
                    player_name TEXT,
                    recorded_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX score_by_content ON score (content_hash, score DESC, recorded_at, id)",
            ]
        ),
        (
            "v2-accounts-sessions-game-tokens-owners",
            [
                "CREATE TABLE account (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL, created BIGINT NOT NULL)",
                """
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    name_key TEXT NOT NULL REFERENCES account (name_key) ON DELETE CASCADE,
                    expires BIGINT NOT NULL
                )
                """,
                "CREATE INDEX session_by_account ON session (name_key)",
                "CREATE TABLE game_token (game_id BIGINT PRIMARY KEY, token TEXT NOT NULL)",
                "CREATE TABLE game_owner (game_id BIGINT PRIMARY KEY, name_key TEXT NOT NULL)",
            ]
        ),
        (
            "v3-game-leases-heartbeats",
            [
                """
                CREATE TABLE game_lease (
                    game_id BIGINT PRIMARY KEY,
                    holder TEXT NOT NULL,
                    epoch BIGINT NOT NULL CHECK (epoch >= 1),
                    expires BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE instance_heartbeat (
                    id TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    games_hosted BIGINT NOT NULL CHECK (games_hosted >= 0),
                    address TEXT NOT NULL,
                    at BIGINT NOT NULL
                )
                """,
            ]
        ),
    ]

    /// Applies the missing migrations, one transaction each, under the advisory lock.
    ///
    /// - Throws: `StoreError.newerSchema` when the database records a migration not listed.
    static func migrate(_ store: PostgresGameStore) throws(StoreError) {
        while try applyNext(store) {}
    }

    /// Applies the first missing migration; false when there was none.
    private static func applyNext(_ store: PostgresGameStore) throws(StoreError) -> Bool {
        try store.transaction { transaction in
            try transaction.query("SELECT pg_advisory_xact_lock(\(lockKey))")
            try transaction.execute(
                "CREATE TABLE IF NOT EXISTS brogue_migrations (identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            let applied = Set(try transaction.query("SELECT identifier FROM brogue_migrations").map { try $0.decode(String.self) })
            let unknown = applied.subtracting(migrations.map(\.name)).sorted()
            guard unknown.isEmpty else {
                throw StoreError.newerSchema(path: store.location.description, unknownMigrations: unknown)
            }
            guard let next = migrations.first(where: { !applied.contains($0.name) }) else { return false }
            for statement in next.statements { try transaction.execute(statement) }
            // The time of the insert, made under the lock, not `now()` (the transaction's start):
            // a transaction that began first may get the lock last, and the recorded order would
            // then not be the order the migrations were applied in.
            try transaction.execute("INSERT INTO brogue_migrations (identifier, applied_at) VALUES (\(next.name), clock_timestamp())")
            return true
        }
    }

    /// The migrations recorded in the database, in the order they were applied.
    static func applied(_ store: PostgresGameStore) throws(StoreError) -> [String] {
        try store.transaction(.read) { transaction in
            try transaction.query("SELECT identifier FROM brogue_migrations ORDER BY applied_at, identifier").map { try $0.decode(String.self) }
        }
    }
}
