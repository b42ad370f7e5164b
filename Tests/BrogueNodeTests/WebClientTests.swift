import BrogueNode
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The browser client's files as HTTP resources: the bytes of `Sources/BrogueNode/Web/Client/`,
/// their content types, and revalidation by entity tag.
@Suite struct WebClientTests {
    static let files = [
        (path: "/", file: "index.html", type: "text/html; charset=utf-8"),
        (path: "/app.js", file: "app.js", type: "text/javascript; charset=utf-8"),
        (path: "/app.css", file: "app.css", type: "text/css; charset=utf-8"),
    ]

    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The file as it is in the source tree.
    static func sourceBytes(_ file: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Sources/BrogueNode/Web/Client/\(file)")))
    }

    static func isContentTag(_ tag: String?) -> Bool {
        guard let tag, tag.count == 34, tag.first == "\"", tag.last == "\"" else { return false }
        return tag.dropFirst().dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    @Test func eachFileIsServedByteForByteWithItsTypeNoCacheAndATagFromItsContent() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.router) { client in
            var tags: [String] = []
            for (path, file, type) in Self.files {
                let bytes = try Self.sourceBytes(file)
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type, "\(path)")
                    #expect(response.headers[.cacheControl] == "no-cache", "\(path)")
                    #expect(response.headers[.contentSecurityPolicy] == Self.policy, "\(path)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                    #expect(Array(buffer: response.body) == bytes, "\(path) is not \(file) byte for byte")
                    let tag = response.headers[.eTag]
                    #expect(Self.isContentTag(tag), "\(path): ETag \(tag ?? "missing")")
                    tags.append(tag ?? "")
                }
                // The same bytes give the same tag on every request.
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.headers[.eTag] == tags.last, "\(path)")
                }
            }
            #expect(Set(tags).count == Self.files.count, "three files, three tags: \(tags)")
        }
    }

    @Test func aRequestNamingTheCurrentTagGetsNotModifiedWithNoBody() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            for (path, _, _) in Self.files {
                let tag = try await client.execute(uri: path, method: .get) { try #require($0.headers[.eTag]) }
                // As browsers send it back, weakened, in a list, and the wildcard.
                for ifNoneMatch in [tag, "W/\(tag)", "\"0123456789abcdef0123456789abcdef\", \(tag)", "*"] {
                    try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: ifNoneMatch]) { response in
                        #expect(response.status == .notModified, "\(path) If-None-Match: \(ifNoneMatch)")
                        #expect(response.body.readableBytes == 0, "\(path)")
                        #expect(response.headers[.eTag] == tag, "\(path)")
                        #expect(response.headers[.cacheControl] == "no-cache", "\(path)")
                    }
                }
            }
        }
    }

    @Test func aRequestNamingAnotherTagGetsTheWholeFile() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.router) { client in
            for (path, file, type) in Self.files {
                let bytes = try Self.sourceBytes(file)
                let stale = "\"0123456789abcdef0123456789abcdef\""
                try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: stale]) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type, "\(path)")
                    #expect(Array(buffer: response.body) == bytes, "\(path)")
                }
            }
        }
    }
}
