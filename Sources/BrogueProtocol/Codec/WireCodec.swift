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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("protocol messages always encode: \(error)")
        }
    }

    /// Decodes what a client sent, strictly.
    /// - Throws: `ProtocolError` with `too_large`, `bad_json`, `unknown_type` or `bad_field`.
    public static func decodeClient(_ text: String) throws(ProtocolError) -> ClientEnvelope {
        guard text.utf8.count <= ProtocolInfo.maxClientMessageBytes else {
            throw ProtocolError(.tooLarge, "a message may hold at most \(ProtocolInfo.maxClientMessageBytes) bytes; this one has \(text.utf8.count)")
        }
        return try decode(ClientEnvelope.self, Data(text.utf8))
    }

    /// Decodes what the node sent.
    /// - Throws: `ProtocolError` with `too_large`, `bad_json`, `unknown_type` or `bad_field`.
    public static func decodeServer(_ text: String) throws(ProtocolError) -> ServerEnvelope {
        guard text.utf8.count <= ProtocolInfo.maxServerMessageBytes else {
            throw ProtocolError(
                .tooLarge,
                "a node message may hold at most \(ProtocolInfo.maxServerMessageBytes) bytes; this one has \(text.utf8.count)"
            )
        }
        return try decode(ServerEnvelope.self, Data(text.utf8))
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
