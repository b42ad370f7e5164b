import BrogueStore
import Foundation
import Testing

/// Export and import, run against every backend in `StoreBackend.all`.
@Suite struct ExportImportTests {
    /// A store with one finished game, and its export as a JSON object to edit. The folder
    /// must outlive the store: a PostgreSQL store's database goes with it.
    private func exported(_ backend: StoreBackend) throws -> (store: StoreBackend.Store, folder: TempFolder, id: Int64, document: [String: Any]) {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let game = try makeGame(store, seed: 18_446_744_073_709_551_615, contentHash: 0xDEAD_BEEF_0000_0001, actions: 12)
        try store.finishGame(id: game.id, status: .died, cause: "killed by a \"goblin\" conjurer", summary: nil, score: nil)
        let data = try store.exportGame(id: game.id)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (store, folder, game.id, object)
    }

    private func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object)
    }

    /// Imports `document` and returns the refusal's text.
    private func refusal(_ store: StoreBackend.Store, _ document: Data, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let record = try store.importGame(document)
            Issue.record("import should have been refused, but made game \(record.id)", sourceLocation: sourceLocation)
            return ""
        } catch {
            guard case .invalidImport(let detail) = error else {
                Issue.record("expected .invalidImport, got \(error)", sourceLocation: sourceLocation)
                return ""
            }
            #expect(error.description.hasPrefix("import: refused: "), sourceLocation: sourceLocation)
            return detail
        }
    }

    @Test(arguments: StoreBackend.all) func documentHasTheAgreedFields(_ backend: StoreBackend) throws {
        let (_, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        #expect(doc["format"] as? String == "brogue-game")
        #expect(doc["formatVersion"] as? Int == 1)
        #expect(doc["seed"] as? String == "18446744073709551615")
        #expect(doc["contentHash"] as? String == "deadbeef00000001")
        #expect(doc["status"] as? String == "died")
        #expect(doc["cause"] as? String == "killed by a \"goblin\" conjurer")
        #expect((doc["stateHash"] as? String)?.count == 16)
        #expect(doc["actionCount"] as? Int == 12)
        #expect((doc["actions"] as? [String])?.prefix(3) == ["m0", "m1", "z"])
        let set = try #require(doc["contentSet"] as? [[String: String]])
        #expect(set == [["id": "core", "version": "1.0.0"]])
        #expect(doc["startedAt"] is String && doc["updatedAt"] is String)
    }

    @Test(arguments: StoreBackend.all) func roundTripMakesANewIdenticalGame(_ backend: StoreBackend) throws {
        let (store, folder, id, _) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        let original = try #require(try store.loadGame(id: id))
        let imported = try store.importGame(try store.exportGame(id: id))
        #expect(imported.id != id)
        let copy = try #require(try store.loadGame(id: imported.id))
        #expect(copy.actions == original.actions)
        var expected = original.record
        expected.id = imported.id
        #expect(copy.record == expected)
        #expect(try store.exportGame(id: imported.id) == (try store.exportGame(id: id)), "the id is not part of the document")
        #expect(throws: StoreError.gameNotFound(id: 999)) { try store.exportGame(id: 999) }
    }

    @Test(arguments: StoreBackend.all) func wrongFormatOrVersion(_ backend: StoreBackend) throws {
        let (store, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        var other = doc
        other["format"] = "some-save"
        #expect(refusal(store, try data(other)).contains("not a Brogue game export"))
        var newer = doc
        newer["formatVersion"] = 2
        let message = refusal(store, try data(newer))
        #expect(message.contains("formatVersion 2") && message.contains("newer Brogue"))
        var noFormat = doc
        noFormat["format"] = nil
        #expect(refusal(store, try data(noFormat)).contains("missing field 'format'"))
    }

    @Test(arguments: StoreBackend.all) func everyMissingFieldIsNamed(_ backend: StoreBackend) throws {
        let (store, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        for field in doc.keys where field != "cause" {
            var broken = doc
            broken[field] = nil
            #expect(refusal(store, try data(broken)).contains("'\(field)'"), "removing \(field)")
        }
        var noCause = doc
        noCause["cause"] = nil
        #expect(try store.importGame(try data(noCause)).cause == nil, "cause is optional")
    }

    @Test(arguments: StoreBackend.all) func badSeedsAndHashes(_ backend: StoreBackend) throws {
        let (store, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        for seed in ["-1", "12a", "18446744073709551616", "007", " 7", "", "1e5"] {
            var broken = doc
            broken["seed"] = seed
            #expect(refusal(store, try data(broken)).contains("'seed'"), "seed \(seed)")
        }
        var numeric = doc
        numeric["seed"] = 7
        #expect(refusal(store, try data(numeric)).contains("'seed' has the wrong type"))
        for hash in ["DEADBEEF00000001", "deadbeef0000001", "deadbeef000000012", "xyzbeef000000001"] {
            for field in ["contentHash", "stateHash"] {
                var broken = doc
                broken[field] = hash
                #expect(refusal(store, try data(broken)).contains("'\(field)'"), "\(field) \(hash)")
            }
        }
    }

    @Test(arguments: StoreBackend.all) func badActionsAreNamedByIndex(_ backend: StoreBackend) throws {
        let (store, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        var actions = try #require(doc["actions"] as? [String])
        actions[7] = "m9"
        var broken = doc
        broken["actions"] = actions
        #expect(refusal(store, try data(broken)).contains("actions[7] ('m9') is not a valid action"))
        actions[7] = String(repeating: "T", count: 5000)
        broken["actions"] = actions
        #expect(refusal(store, try data(broken)).contains("actions[7]"))
        var wrongType = doc
        wrongType["actions"] = ["m0", 5]
        #expect(refusal(store, try data(wrongType)).contains("actions[1]"))
        var short = doc
        short["actionCount"] = 11
        #expect(refusal(store, try data(short)).contains("'actionCount' is 11"))
    }

    @Test(arguments: StoreBackend.all) func otherFieldsAreChecked(_ backend: StoreBackend) throws {
        let (store, folder, _, doc) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        let cases: [(String, Any, String)] = [
            ("status", "sleeping", "'status'"),
            ("depth", -1, "'depth'"),
            ("gold", 3_000_000_000, "'gold'"),
            ("turns", "many", "'turns' has the wrong type"),
            ("startedAt", "yesterday", "'startedAt'"),
            ("contentSet", [["id": "core"]], "contentSet[0].version"),
            ("contentSet", [["id": "", "version": "1"]], "contentSet[0].id is empty"),
            ("cause", String(repeating: "x", count: 5000), "'cause'"),
            ("cause", "bad\u{07}bell", "control characters"),
        ]
        for (field, value, expected) in cases {
            var broken = doc
            broken[field] = value
            let message = refusal(store, try data(broken))
            #expect(message.contains(expected), "\(field) = \(value): \(message)")
        }
    }

    @Test(arguments: StoreBackend.all) func hostileShapesAreRefusedWithoutCrashing(_ backend: StoreBackend) throws {
        let (store, folder, _, _) = try exported(backend)
        defer { withExtendedLifetime(folder) {} }
        #expect(refusal(store, Data()).contains("not a JSON document"))
        #expect(refusal(store, Data("[1, 2, 3]".utf8)).contains("not a JSON object"))
        #expect(refusal(store, Data("null".utf8)).contains("not a JSON object"))
        #expect(!refusal(store, Data("{\"format\": \"brogue-game\", \"formatVersion\": 1,".utf8)).isEmpty)
        #expect(!refusal(store, Data(repeating: 0x5B, count: 100_000)).isEmpty, "deeply nested arrays")
        #expect(!refusal(store, Data(#"{"format":"brogue-game","formatVersion":1e400}"#.utf8)).isEmpty)
        #expect(refusal(store, Data(#"{"format":"brogue-game","formatVersion":1.5}"#.utf8)).contains("not a whole number"))
        let huge = Data(repeating: 0x20, count: 16 * 1024 * 1024 + 1)
        #expect(refusal(store, huge).contains("16 MiB"))
        #expect(try store.listGames(limit: 100).count == 1, "nothing was imported")
    }
}
