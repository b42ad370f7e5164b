import BrogueCore

/// What every backend refuses before it touches its database, so all of them refuse the same
/// arguments with the same words.
package enum StoreChecks {
    package static func accountName(_ name: String) throws(StoreError) {
        guard (1...64).contains(name.utf8.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidArgument("account name '\(name.prefix(64))': it must be 1-64 bytes with no control characters")
        }
    }

    package static func passwordHash(_ hash: String, account: String) throws(StoreError) {
        guard hash.hasPrefix("$"), hash.split(separator: "$").count >= 3, hash.utf8.count <= 256 else {
            throw .invalidArgument(
                "account '\(account)': the password hash is not in modular crypt format ($2b$12$...); hash the password first"
            )
        }
    }

    package static func tokenHash(_ tokenHash: String) throws(StoreError) {
        guard tokenHash.utf8.count == 64, tokenHash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw .invalidArgument("a session's token hash must be a SHA-256 as 64 lowercase hex digits; never store the token itself")
        }
    }

    package static func gameToken(_ token: String, game: Int64) throws(StoreError) {
        guard (1...128).contains(token.utf8.count), token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalidArgument("game \(game): a resume token must be 1-128 printable ASCII characters without spaces")
        }
    }

    package static func contentSet(_ contentSet: [ContentRef]) throws(StoreError) {
        guard contentSet.count <= GameExport.maximumContentSet else {
            throw .invalidArgument("the content set has \(contentSet.count) plugins; the limit is \(GameExport.maximumContentSet)")
        }
        for ref in contentSet {
            for text in [ref.id, ref.version] {
                if let problem = StoreText.problem(with: text, maxLength: 200) {
                    throw .invalidArgument("content set entry '\(ref.id.prefix(40))': \(problem)")
                }
            }
        }
    }

    package static func newGame(contentSet: [ContentRef], start: GameSummary) throws(StoreError) {
        try Self.contentSet(contentSet)
        if let problem = start.problem { throw .invalidArgument("new game: \(problem)") }
    }

    package static func append(gameID: Int64, seq: Int, summary: GameSummary) throws(StoreError) {
        if let problem = summary.problem { throw .invalidArgument("game \(gameID) seq \(seq): \(problem)") }
    }

    package static func finish(id: Int64, status: GameStatus, cause: String?, summary: GameSummary?, score: ScoreEntry?) throws(StoreError) {
        guard status.isFinished else { throw .invalidArgument("game \(id): finishGame needs won, died or abandoned, not playing") }
        if let cause, let problem = StoreText.problem(with: cause, maxLength: GameExport.maximumTextLength) {
            throw .invalidArgument("game \(id): the cause \(problem)")
        }
        if let problem = summary?.problem { throw .invalidArgument("game \(id): \(problem)") }
        if let name = score?.playerName, let problem = StoreText.problem(with: name, maxLength: 200) {
            throw .invalidArgument("game \(id): the player name \(problem)")
        }
    }

    package static func insert(_ game: StoredGame) throws(StoreError) {
        let record = game.record
        try contentSet(record.contentSet)
        if let problem = record.summary.problem { throw .invalidArgument("imported game: \(problem)") }
        if let cause = record.cause, let problem = StoreText.problem(with: cause, maxLength: GameExport.maximumTextLength) {
            throw .invalidArgument("imported game: the cause \(problem)")
        }
        guard record.actionCount == game.actions.count else {
            throw .invalidArgument("imported game: actionCount is \(record.actionCount) but \(game.actions.count) actions were given")
        }
        for (i, text) in game.actions.enumerated() {
            guard text.utf8.count <= GameExport.maximumActionLength, Action(encoded: text) != nil else {
                throw .invalidArgument("imported game: action \(i) ('\(text.prefix(40))') is not an encoded action")
            }
        }
    }

    package static func lease(game: Int64, instance: String, ttl: Int64) throws(StoreError) {
        if let problem = StoreText.problem(with: instance, maxLength: 200) ?? (instance.isEmpty ? "is empty" : nil) {
            throw .invalidArgument("game \(game): the instance id \(problem)")
        }
        guard ttl > 0 else { throw .invalidArgument("game \(game): a lease's ttl must be positive milliseconds, not \(ttl)") }
    }

    package static func heartbeat(_ heartbeat: InstanceHeartbeat) throws(StoreError) {
        for (name, text) in [("id", heartbeat.id), ("role", heartbeat.role), ("address", heartbeat.address)] {
            if let problem = StoreText.problem(with: text, maxLength: 200) {
                throw .invalidArgument("heartbeat of '\(heartbeat.id.prefix(40))': the \(name) \(problem)")
            }
        }
        guard !heartbeat.id.isEmpty, heartbeat.gamesHosted >= 0 else {
            throw .invalidArgument("heartbeat: the instance id must not be empty and the games hosted not negative")
        }
    }

    /// `expires` of a released lease: a taken lease always expires after `now + ttl > 0`.
    package static let released: Int64 = 0

    /// Whether `lease` is still `current`, the stored lease: same holder and epoch, not released.
    package static func holds(_ lease: GameLease, current: GameLease?) -> Bool {
        guard let current else { return false }
        return current.gameID == lease.gameID && current.holder == lease.holder && current.epoch == lease.epoch
            && current.expires != released
    }

    /// The lease as a fenced write names it when it is not the stored one.
    package static func leaseLost(_ lease: GameLease, current: GameLease?) -> StoreError {
        let now: String
        if let current {
            now = current.holder == lease.holder && current.epoch == lease.epoch ? "released" : "held by '\(current.holder)', epoch \(current.epoch)"
        } else {
            now = "no lease stored"
        }
        return .leaseLost(gameID: lease.gameID, holder: lease.holder, epoch: lease.epoch, current: now)
    }
}
