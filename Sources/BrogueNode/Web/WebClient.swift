import Foundation
import Hummingbird
import NIOCore

/// Serves the browser client: `/` (HTML), `/app.js`, `/app.css`, the files of `Web/Client/`
/// compiled into the binary (SwiftPM's `embedInCode`), with a Content-Security-Policy that allows nothing but this
/// node (its scripts, styles and WebSocket), and entity tags so unchanged files are not sent again.
enum WebClient {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The client's files by URL path, from the bytes compiled into the binary.
    static let assets: [String: WebAsset] = [
        "/": WebAsset(file: "index.html", contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html),
        "/app.js": WebAsset(file: "app.js", contentType: "text/javascript; charset=utf-8", bytes: PackageResources.app_js),
        "/app.css": WebAsset(file: "app.css", contentType: "text/css; charset=utf-8", bytes: PackageResources.app_css),
    ]

    static func addRoutes(to router: Router<NodeRequestContext>) {
        for (path, asset) in assets {
            router.get(RouterPath(path)) { request, _ in response(asset, ifNoneMatch: request.headers[values: .ifNoneMatch]) }
        }
    }

    /// The file, or 304 Not Modified with no body when the request names its current tag.
    static func response(_ asset: WebAsset, ifNoneMatch: [String]) -> Response {
        var headers: HTTPFields = [
            .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
            .cacheControl: "no-cache", .eTag: asset.eTag,
        ]
        if asset.isNamed(byIfNoneMatch: ifNoneMatch) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
