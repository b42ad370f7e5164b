import Crypto
import Foundation
import NIOCore

/// One file of the browser client (`Web/Client/`), read from the module's resource bundle, with
/// the entity tag its responses carry.
struct WebAsset: Sendable {
    /// The file's name in `Web/Client/`.
    let file: String
    let contentType: String
    /// The file's bytes, exactly as they are in the bundle.
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

    /// Reads `file` from the `Client` folder of `bundle`.
    /// - Throws: `WebAssetError` when the file is not there or cannot be read.
    static func load(_ file: String, contentType: String, from bundle: Bundle) throws(WebAssetError) -> WebAsset {
        guard let url = bundle.url(forResource: file, withExtension: nil, subdirectory: "Client") else {
            throw WebAssetError(file: file, bundle: bundle.bundlePath, reason: "it is not there")
        }
        do {
            return WebAsset(file: file, contentType: contentType, bytes: Array(try Data(contentsOf: url)))
        } catch {
            throw WebAssetError(file: file, bundle: bundle.bundlePath, reason: "\(error)")
        }
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

/// A browser client file missing from the node's resource bundle: an incomplete installation.
struct WebAssetError: Error, CustomStringConvertible {
    let file: String
    let bundle: String
    let reason: String

    var description: String {
        "cannot read the browser client file Client/\(file) in \(bundle): \(reason); "
            + "install Brogue_BrogueNode.resources, whole, next to the brogue executable (docs/node.md)"
    }
}
