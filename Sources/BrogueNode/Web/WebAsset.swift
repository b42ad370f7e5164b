import Crypto
import Foundation
import NIOCore

/// One file of the browser client (`Web/Client/`), compiled into the binary, with the entity tag
/// its responses carry.
struct WebAsset: Sendable {
    /// The file's name in `Web/Client/`.
    let file: String
    let contentType: String
    /// The file's bytes, exactly as they are in the source folder.
    let body: ByteBuffer
    /// A strong entity tag from the content (the first 128 bits of its SHA-256, in quotes): the
    /// node serves with `Cache-Control: no-cache`, so browsers ask every time, and a tag that
    /// changes only with the bytes lets them keep their copy until a new build changes it.
    let eTag: String

    init(file: String, contentType: String, bytes: [UInt8]) {
        self.file = file
        self.contentType = contentType
        body = ByteBuffer(bytes: bytes)
        eTag = "\"" + SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether a request's `If-None-Match` values name this content: `*`, or this tag in a
    /// comma-separated list, weak (`W/`) or not, as RFC 9110 compares them for GET.
    func isNamed(byIfNoneMatch values: [String]) -> Bool {
        values.contains { value in
            value.split(separator: ",").contains { item in
                let tag = item.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == eTag || tag == "W/" + eTag
            }
        }
    }
}
