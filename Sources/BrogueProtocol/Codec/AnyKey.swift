/// A coding key for any field name, so decoders can see every key a message holds.
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where K == AnyKey {
    /// Refuses any key outside `allowed` (and `type`, `id`), naming the first one.
    func onlyKeys(_ allowed: Set<String>, in type: String) throws {
        let all = allowed.union(["type", "id", "ref"])
        if let extra = allKeys.map(\.stringValue).sorted().first(where: { !all.contains($0) }) {
            throw ProtocolError(.badField, "unknown field '\(extra)' in '\(type)'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// A required field of type `T`, with an error naming the field and the type expected.
    func field<T: Decodable>(_ type: T.Type, _ name: String, in message: String, expected: String) throws -> T {
        guard contains(AnyKey(name)) else { throw ProtocolError(.badField, "'\(message)' needs '\(name)' (\(expected))") }
        do { return try decode(T.self, forKey: AnyKey(name)) } catch {
            throw ProtocolError(.badField, "'\(name)' in '\(message)' must be \(expected)")
        }
    }

    /// An optional field; `null` counts as absent.
    func optionalField<T: Decodable>(_ type: T.Type, _ name: String, in message: String, expected: String) throws -> T? {
        guard contains(AnyKey(name)) else { return nil }
        do { return try decodeIfPresent(T.self, forKey: AnyKey(name)) } catch {
            throw ProtocolError(.badField, "'\(name)' in '\(message)' must be \(expected)")
        }
    }

    /// A string of 1...`ProtocolInfo.maxFieldLength` characters without control characters.
    func text(_ name: String, in message: String, required: Bool) throws -> String? {
        let expected = "a string of 1-\(ProtocolInfo.maxFieldLength) printable characters"
        let value =
            required
            ? try field(String.self, name, in: message, expected: expected) : try optionalField(String.self, name, in: message, expected: expected)
        guard let value else { return nil }
        guard (1...ProtocolInfo.maxFieldLength).contains(value.count),
            !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw ProtocolError(.badField, "'\(name)' in '\(message)' must be \(expected)")
        }
        return value
    }

    /// A required `password`: any characters, at most `ProtocolInfo.maxPasswordBytes` bytes of
    /// UTF-8 (length rules beyond that are the node's, so it can answer without closing).
    func password(in message: String) throws -> String {
        let expected = "a string of at most \(ProtocolInfo.maxPasswordBytes) bytes"
        let value = try field(String.self, "password", in: message, expected: expected)
        guard value.utf8.count <= ProtocolInfo.maxPasswordBytes else {
            throw ProtocolError(.badField, "'password' in '\(message)' must be \(expected)")
        }
        return value
    }
}
