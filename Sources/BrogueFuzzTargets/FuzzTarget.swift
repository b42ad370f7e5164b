import BrogueContent
import BrogueCore
import BrogueProtocol
import BrogueStore
import BrogueUI
public import Foundation

/// The decoders of hostile input, each as one function of bytes, for libFuzzer (`Fuzz/`,
/// `scripts/fuzz.sh`) and for the test that feeds them the seed corpus and every finding
/// (`Fuzz/Corpus/<target>/`). A thrown error is a decoder's answer to bad input; only a crash,
/// a hang or a sanitizer report is a finding.
///
/// ```swift
/// FuzzTarget.protocolMessage.run(Data(#"{"type":"hello"}"#.utf8))
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A plugin's YAML: the first byte picks the file the rest becomes (its `plugin.yaml`, or
    /// one content file of a kind its manifest names), checked alone as `content validate`
    /// checks a file first: manifest, YAML and schema (`ContentLoader.validateAlone`).
    case content
    /// The settings file (`brogue.yaml`, with its `node:` section), read and checked.
    case config
    /// One WebSocket text message from a client, as the node decodes it; and the same text as
    /// a node's message, as a client decodes it, where the byte reader for frames and acks must
    /// answer what `JSONDecoder` answers.
    case protocolMessage = "protocol"
    /// A game export file (`brogue import`), imported into a scratch SQLite store.
    case gameImport = "import"

    /// Feeds one input through the decoder; returns whether the decoder accepted it.
    @discardableResult
    public func run(_ data: Data) -> Bool {
        switch self {
        case .content: Self.loadPlugin(data)
        case .config: Self.readConfig(data)
        case .protocolMessage: Self.decodeMessage(data)
        case .gameImport: Self.importGame(data)
        }
    }

    /// A folder of its own for each input, removed after it: runs may overlap in tests.
    private static func withScratchFolder<T>(_ body: (String) -> T) -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-fuzz-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return body(folder)
    }

    private static func loadPlugin(_ data: Data) -> Bool {
        guard let selector = data.first else { return false }
        let body = Data(data.dropFirst())
        let kinds = ContentKind.allCases.filter { $0 != .manifest }
        let choice = Int(selector) % (kinds.count + 1)
        return withScratchFolder { folder in
            let manifestPath = folder + "/" + PluginManifest.fileName
            var file = manifestPath
            if choice < kinds.count {
                // Named after its id, as a content file must be, when it has a plain one.
                file = folder + "/" + (idLine(body) ?? "input") + ".yaml"
                let manifest = "id: fuzz\nname: Fuzz\nversion: 1.0.0\ncontent:\n  \(kinds[choice].rawValue): [\"*.yaml\"]\n"
                _ = FileManager.default.createFile(atPath: manifestPath, contents: Data(manifest.utf8))
            }
            _ = FileManager.default.createFile(atPath: file, contents: body)
            return !ContentLoader().validateAlone(file: file).contains { $0.severity == .error }
        }
    }

    /// The value of a top-level `id:` line, when it is a plain file name.
    private static func idLine(_ body: Data) -> String? {
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") where line.hasPrefix("id: ") {
            let id = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
            let plain = !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            return plain && id != "plugin" ? id : nil
        }
        return nil
    }

    /// What the node does with a client's text frame: decode it, and parse an action's text.
    private static func decodeMessage(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        // The node's messages too, as a client reads them: the byte reader for frames and acks
        // must answer what `JSONDecoder` answers, so a difference stops the run as a crash would.
        let server = (
            fast: Result { () throws(ProtocolError) in try WireCodec.decodeServer(text) },
            full: Result { () throws(ProtocolError) in try WireCodec.decodeServerWithJSONDecoder(text) }
        )
        precondition(server.fast == server.full, "the node's message is read two ways: \(server.fast) against \(server.full)")
        guard let envelope = try? WireCodec.decodeClient(text) else { return false }
        if case .action(let text) = envelope.message { return Action(encoded: text) != nil }
        return true
    }

    private static func readConfig(_ data: Data) -> Bool {
        withScratchFolder { folder in
            let path = folder + "/brogue.yaml"
            _ = FileManager.default.createFile(atPath: path, contents: data)
            return (try? ConfigFile.load(path: path, commands: Command.all.map(\.name), environment: ["HOME": folder])) != nil
        }
    }

    private static func importGame(_ data: Data) -> Bool {
        withScratchFolder { folder in
            guard let store = try? SQLiteGameStore(path: folder + "/brogue.sqlite") else { return false }
            return (try? store.importGame(data)) != nil
        }
    }
}
