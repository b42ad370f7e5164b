import Foundation

/// Turns messages into text frames and back, enforcing the size limits and mapping every
/// decoding failure to a stable `ProtocolError`.
///
/// ```swift
/// let text = try WireCodec.encode(ClientEnvelope(.hello(version: ProtocolInfo.version, client: "me")))
/// let envelope = try WireCodec.decodeClient(text)   // on the node
/// ```
public enum WireCodec {
    /// Encodes any message as one line of JSON.
    public static func encode(_ value: some Encodable) -> String {
        encodeWithJSONEncoder(value)
    }

    /// What `encode` writes through `JSONEncoder`; public so tests can hold `WireWriter`'s text
    /// against it.
    public static func encodeWithJSONEncoder(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("protocol messages always encode: \(error)")
        }
    }

    /// Encodes a node's message as one line of JSON. Frames and acknowledgements, sent with
    /// every action, are written by `WireWriter`; the rest go through `JSONEncoder`. The JSON is
    /// the same either way.
    public static func encode(_ envelope: ServerEnvelope) -> String {
        switch envelope.message {
        case .frame(let frame):
            var writer = WireWriter(capacity: 160 + (frame.cells?.count ?? frame.changes.count) * 40)
            writer.raw("{\"type\":\"frame\"")
            if let ref = envelope.ref {
                writer.key("ref")
                writer.int(ref)
            }
            writer.frameFields(frame)
            writer.raw("}")
            return String(decoding: writer.bytes, as: UTF8.self)
        case .ack(let ack):
            var writer = WireWriter(capacity: 128)
            writer.raw("{\"type\":\"ack\"")
            if let ref = envelope.ref {
                writer.key("ref")
                writer.int(ref)
            }
            writer.key("applied")
            writer.int(ack.applied)
            writer.key("actions")
            writer.int(ack.actions)
            writer.key("turn")
            writer.int(ack.turn)
            writer.key("stateHash")
            writer.string(ack.stateHash)
            writer.key("over")
            writer.bool(ack.over)
            writer.raw("}")
            return String(decoding: writer.bytes, as: UTF8.self)
        default:
            return encodeWithJSONEncoder(envelope)
        }
    }

    /// Decodes what a client sent, strictly.
    /// - Throws: `ProtocolError` with `too_large`, `bad_json`, `unknown_type` or `bad_field`.
    public static func decodeClient(_ text: String) throws(ProtocolError) -> ClientEnvelope {
        guard text.utf8.count <= ProtocolInfo.maxClientMessageBytes else {
            throw ProtocolError(.tooLarge, "a message may hold at most \(ProtocolInfo.maxClientMessageBytes) bytes; this one has \(text.utf8.count)")
        }
        if let envelope = ActionMessageReader.read(text) { return envelope }
        return try decodeClientWithJSONDecoder(text)
    }

    /// What `decodeClient` answers through `JSONDecoder`, for every message `ActionMessageReader`
    /// leaves; public so tests can hold the two readers together.
    public static func decodeClientWithJSONDecoder(_ text: String) throws(ProtocolError) -> ClientEnvelope {
        try decode(ClientEnvelope.self, Data(text.utf8))
    }

    /// Decodes what the node sent. Frames and acknowledgements of the shape `WireWriter` writes
    /// are read from their bytes (`ServerMessageReader`); the rest go through `JSONDecoder`. The
    /// answer is the same either way.
    /// - Throws: `ProtocolError` with `too_large`, `bad_json`, `unknown_type` or `bad_field`.
    public static func decodeServer(_ text: String) throws(ProtocolError) -> ServerEnvelope {
        guard text.utf8.count <= ProtocolInfo.maxServerMessageBytes else {
            throw ProtocolError(
                .tooLarge,
                "a node message may hold at most \(ProtocolInfo.maxServerMessageBytes) bytes; this one has \(text.utf8.count)"
            )
        }
        if let envelope = ServerMessageReader.read(text) { return envelope }
        return try decodeServerWithJSONDecoder(text)
    }

    /// What `decodeServer` answers through `JSONDecoder`, for every message `ServerMessageReader`
    /// leaves; public so tests can hold the two readers together.
    public static func decodeServerWithJSONDecoder(_ text: String) throws(ProtocolError) -> ServerEnvelope {
        try decode(ServerEnvelope.self, Data(text.utf8))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as ProtocolError {
            throw error
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw ProtocolError(.badJSON, "not valid JSON: send one JSON object per text message")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw ProtocolError(.badJSON, "a message must be a JSON object with a 'type' field")
        } catch DecodingError.keyNotFound(let key, _) {
            throw ProtocolError(.badField, "missing field '\(key.stringValue)'")
        } catch {
            throw ProtocolError(.badField, "a field has the wrong type or value")
        }
    }
}
