import Hummingbird
import NIOCore

/// Serves the browser client: `/` (HTML), `/app.js`, `/app.css`, with a Content-Security-Policy
/// that allows nothing but this node (its scripts, styles and WebSocket).
enum WebClient {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func addRoutes(to router: Router<NodeRequestContext>) {
        router.get("/") { _, _ in asset(ClientHTML.text, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in asset(ClientJS.text, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in asset(ClientCSS.text, type: "text/css; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                .cacheControl: "no-cache",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
