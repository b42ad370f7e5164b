import GRDB

extension SQLiteGameStore: GameTokenStore {
    public func setToken(_ token: String, forGame game: Int64) throws(StoreError) {
        try StoreChecks.gameToken(token, game: game)
        try write { db in try GameTokenRow(gameID: game, token: token).save(db) }
    }

    public func token(forGame game: Int64) throws(StoreError) -> String? {
        try read { db in try GameTokenRow.fetchOne(db, key: game)?.token }
    }

    public func gamesWithTokens() throws(StoreError) -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT game_id FROM game_token ORDER BY game_id") }
    }
}
