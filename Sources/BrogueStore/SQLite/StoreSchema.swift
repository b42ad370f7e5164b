import GRDB

/// The SQLite schema as a list of named, forward-only migrations.
///
/// Rules (GRDB's): a migration is never edited or removed once shipped; a change is a new
/// migration appended at the end. Each runs in its own transaction. A database that records a
/// migration not listed here was written by a newer build and is refused.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-games-actions-scores") { db in
            try db.execute(
                sql: """
                    CREATE TABLE game (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        seed TEXT NOT NULL CHECK (length(seed) BETWEEN 1 AND 20 AND seed NOT GLOB '*[^0-9]*'),
                        content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
                        content_set TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('playing', 'won', 'died', 'abandoned')),
                        depth INTEGER NOT NULL CHECK (depth >= 0),
                        deepest INTEGER NOT NULL CHECK (deepest >= 0),
                        turns INTEGER NOT NULL CHECK (turns >= 0),
                        gold INTEGER NOT NULL CHECK (gold >= 0),
                        state_hash TEXT NOT NULL CHECK (length(state_hash) = 16),
                        cause TEXT,
                        started_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        action_count INTEGER NOT NULL CHECK (action_count >= 0)
                    );
                    CREATE INDEX game_by_status ON game (status);

                    CREATE TABLE action (
                        game_id INTEGER NOT NULL REFERENCES game (id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL CHECK (seq >= 0),
                        action TEXT NOT NULL,
                        PRIMARY KEY (game_id, seq)
                    ) WITHOUT ROWID;

                    CREATE TABLE score (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        game_id INTEGER NOT NULL UNIQUE REFERENCES game (id) ON DELETE CASCADE,
                        content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
                        score INTEGER NOT NULL,
                        depth INTEGER NOT NULL,
                        turns INTEGER NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('won', 'died', 'abandoned')),
                        cause TEXT,
                        player_name TEXT,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE INDEX score_by_content ON score (content_hash, score DESC, recorded_at, id);
                    """
            )
        }
        // The node's tables, which lived in a second file (`node.sqlite`) before; the columns
        // are those of that file, so `mergeNodeFile(at:)` copies rows as they are. Tokens and
        // owners name games without a foreign key, as there: such a row is kept even if its game
        // is not in this file, rather than failing the copy of everything else.
        migrator.registerMigration("v2-accounts-sessions-game-tokens-owners") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        name_key TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        created INTEGER NOT NULL
                    );

                    CREATE TABLE session (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        name_key TEXT NOT NULL REFERENCES account (name_key) ON DELETE CASCADE,
                        expires INTEGER NOT NULL
                    );
                    CREATE INDEX session_by_account ON session (name_key);

                    CREATE TABLE game_token (
                        game_id INTEGER PRIMARY KEY,
                        token TEXT NOT NULL
                    );

                    CREATE TABLE game_owner (
                        game_id INTEGER PRIMARY KEY,
                        name_key TEXT NOT NULL
                    );
                    """
            )
        }
        // Cluster instances: who may write which game (the epoch fences stale writers), and
        // what each instance last said about itself. A released lease keeps its row, so its
        // epoch is never reused.
        migrator.registerMigration("v3-game-leases-heartbeats") { db in
            try db.execute(
                sql: """
                    CREATE TABLE game_lease (
                        game_id INTEGER PRIMARY KEY,
                        holder TEXT NOT NULL,
                        epoch INTEGER NOT NULL CHECK (epoch >= 1),
                        expires INTEGER NOT NULL
                    );

                    CREATE TABLE instance_heartbeat (
                        id TEXT PRIMARY KEY NOT NULL,
                        role TEXT NOT NULL,
                        games_hosted INTEGER NOT NULL CHECK (games_hosted >= 0),
                        address TEXT NOT NULL,
                        at INTEGER NOT NULL
                    );
                    """
            )
        }
        return migrator
    }
}
