import BrogueCore
import Foundation

/// The `brogue-game` export document, format version 1: one JSON object holding a whole game.
///
/// ```json
/// {"actionCount":3,"actions":["m0","z","T10,5"],"contentHash":"9c1d2e3f4a5b6c7d",
///  "contentSet":[{"id":"core","version":"1.0.0"}],"deepest":1,"depth":1,"format":"brogue-game",
///  "formatVersion":1,"gold":0,"seed":"42","startedAt":"2026-05-01T10:00:00.000Z",
///  "stateHash":"0123456789abcdef","status":"playing","turns":3,"updatedAt":"2026-05-01T10:01:00.000Z"}
/// ```
///
/// Every field is required except `cause`; unknown fields are ignored. Import treats the
/// document as hostile: it checks the size, the format and version, every field's type and
/// range, and that every action parses, and names the first problem it finds.
struct GameExport: Codable {
    static let format = "brogue-game"
    static let formatVersion = 1
    /// Larger documents are refused before they are parsed.
    static let maximumBytes = 16 * 1024 * 1024
    static let maximumActions = 10_000_000
    static let maximumActionLength = 32
    static let maximumContentSet = 256
    static let maximumTextLength = 1_000

    var format: String?
    var formatVersion: Int?
    var seed: String?
    var contentHash: String?
    var contentSet: [ContentRef]?
    var status: String?
    var cause: String?
    var depth: Int?
    var deepest: Int?
    var turns: Int?
    var gold: Int?
    var stateHash: String?
    var startedAt: String?
    var updatedAt: String?
    var actionCount: Int?
    var actions: [String]?

    init(_ game: StoredGame) {
        let r = game.record
        format = Self.format
        formatVersion = Self.formatVersion
        seed = StoreText.seed(r.seed)
        contentHash = StoreText.hash(r.contentHash)
        contentSet = r.contentSet
        status = r.status.rawValue
        cause = r.cause
        depth = r.summary.depth
        deepest = r.summary.deepest
        turns = r.summary.turns
        gold = r.summary.gold
        stateHash = StoreText.hash(r.summary.stateHash)
        startedAt = StoreText.timestamp(r.startedAt)
        updatedAt = StoreText.timestamp(r.updatedAt)
        actionCount = game.actions.count
        actions = game.actions
    }

    func encoded() throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .invalidArgument("the game could not be encoded as JSON (\(error))")
        }
    }

    /// Parses and checks an export document.
    ///
    /// - Returns: the game it describes; the record's `id` is 0 until the store assigns one.
    static func decode(_ data: Data) throws(StoreError) -> StoredGame {
        guard data.count <= maximumBytes else {
            throw .invalidImport("the document is \(data.count) bytes; the limit is \(maximumBytes) bytes (16 MiB)")
        }
        let doc: GameExport
        do {
            doc = try JSONDecoder().decode(GameExport.self, from: data)
        } catch let error as DecodingError {
            throw .invalidImport(describe(error, in: data))
        } catch {
            throw .invalidImport("not a JSON document (\(error))")
        }
        return try doc.validated()
    }

    private func validated() throws(StoreError) -> StoredGame {
        func required<T>(_ value: T?, _ name: String) throws(StoreError) -> T {
            guard let value else { throw .invalidImport("missing field '\(name)'") }
            return value
        }
        func count(_ value: Int?, _ name: String) throws(StoreError) -> Int {
            let v = try required(value, name)
            guard (0...Int(Int32.max)).contains(v) else {
                throw .invalidImport("field '\(name)' is \(v); it must be between 0 and \(Int32.max)")
            }
            return v
        }
        guard let format else { throw .invalidImport("missing field 'format': not a \(Self.format) export") }
        guard format == Self.format else {
            throw .invalidImport("field 'format' is '\(format.prefix(40))', not '\(Self.format)': this is not a Brogue game export")
        }
        let version = try required(formatVersion, "formatVersion")
        guard version == Self.formatVersion else {
            throw .invalidImport(
                "formatVersion \(version) is not supported (this build reads version \(Self.formatVersion))"
                    + (version > Self.formatVersion ? ": it was exported by a newer Brogue; update Brogue to import it" : "")
            )
        }
        let seedText = try required(seed, "seed")
        guard let seedValue = StoreText.parseSeed(seedText) else {
            throw .invalidImport("field 'seed' ('\(seedText.prefix(40))') is not a decimal number from 0 to \(UInt64.max)")
        }
        let contentHashText = try required(contentHash, "contentHash")
        guard let contentHashValue = StoreText.parseHash(contentHashText) else {
            throw .invalidImport("field 'contentHash' ('\(contentHashText.prefix(40))') is not 16 lowercase hex digits")
        }
        let stateHashText = try required(stateHash, "stateHash")
        guard let stateHashValue = StoreText.parseHash(stateHashText) else {
            throw .invalidImport("field 'stateHash' ('\(stateHashText.prefix(40))') is not 16 lowercase hex digits")
        }
        let refs = try required(contentSet, "contentSet")
        guard refs.count <= Self.maximumContentSet else {
            throw .invalidImport("field 'contentSet' has \(refs.count) entries; the limit is \(Self.maximumContentSet)")
        }
        for (i, ref) in refs.enumerated() {
            for (name, text) in [("id", ref.id), ("version", ref.version)] {
                if text.isEmpty { throw .invalidImport("contentSet[\(i)].\(name) is empty") }
                if let problem = StoreText.problem(with: text, maxLength: 200) {
                    throw .invalidImport("contentSet[\(i)].\(name) \(problem)")
                }
            }
        }
        let statusText = try required(status, "status")
        guard let statusValue = GameStatus(rawValue: statusText) else {
            throw .invalidImport(
                "field 'status' ('\(statusText.prefix(40))') is not one of \(GameStatus.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let cause, let problem = StoreText.problem(with: cause, maxLength: Self.maximumTextLength) {
            throw .invalidImport("field 'cause' \(problem)")
        }
        let summary = GameSummary(
            depth: try count(depth, "depth"),
            deepest: try count(deepest, "deepest"),
            turns: try count(turns, "turns"),
            gold: try count(gold, "gold"),
            stateHash: stateHashValue
        )
        let startedText = try required(startedAt, "startedAt")
        guard let started = StoreText.parseTimestamp(startedText) else {
            throw .invalidImport("field 'startedAt' ('\(startedText.prefix(40))') is not an ISO-8601 time such as 2026-05-01T10:00:00.000Z")
        }
        let updatedText = try required(updatedAt, "updatedAt")
        guard let updated = StoreText.parseTimestamp(updatedText) else {
            throw .invalidImport("field 'updatedAt' ('\(updatedText.prefix(40))') is not an ISO-8601 time such as 2026-05-01T10:00:00.000Z")
        }
        let log = try required(actions, "actions")
        guard log.count <= Self.maximumActions else {
            throw .invalidImport("field 'actions' has \(log.count) entries; the limit is \(Self.maximumActions)")
        }
        let declared = try count(actionCount, "actionCount")
        guard declared == log.count else {
            throw .invalidImport("field 'actionCount' is \(declared) but 'actions' holds \(log.count) actions: the document is truncated or edited")
        }
        for (i, text) in log.enumerated() {
            guard text.utf8.count <= Self.maximumActionLength, Action(encoded: text) != nil else {
                throw .invalidImport("actions[\(i)] ('\(text.prefix(Self.maximumActionLength))') is not a valid action")
            }
        }
        let record = GameRecord(
            id: 0,
            seed: seedValue,
            contentHash: contentHashValue,
            contentSet: refs,
            status: statusValue,
            summary: summary,
            cause: cause,
            startedAt: started,
            updatedAt: updated,
            actionCount: log.count
        )
        return StoredGame(record: record, actions: log)
    }

    private static func describe(_ error: DecodingError, in data: Data) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return "missing field '\(at)'"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "the document is not a JSON object with the \(format) fields"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type (expected \(expected(type)))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(expected(type)))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation reports a number it cannot convert (1.5 or 1e400 for a count) as
                // invalid JSON without a path; tell the two apart.
                if (try? JSONSerialization.jsonObject(with: data)) != nil {
                    return "a number field holds a value that is not a whole number in range"
                }
                return "not a JSON document (\(context.debugDescription))"
            }
            return "field '\(path(context.codingPath))' has an invalid value (\(context.debugDescription))"
        @unknown default:
            return "not a valid export document (\(error))"
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is [String].Type: "a list of texts"
        default: "\(type)"
        }
    }
}
