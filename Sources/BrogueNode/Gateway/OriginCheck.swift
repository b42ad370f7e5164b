import Foundation

/// Whether a browser page may open a WebSocket to the node (cross-site WebSocket hijacking:
/// browsers send cookies and connect from any page, but always say which page in `Origin`).
enum OriginCheck {
    /// Non-browser clients send no `Origin` or one of their own making, such as the
    /// `ws://HOST` that Hummingbird's WebSocket client (`brogue connect`) sends; a browser always
    /// sends the page's origin, `http(s)://...` or `null`, and the page cannot change it. So
    /// `ws:`/`wss:` origins pass: the check stops other sites' pages, and nothing can stop a
    /// program that is not a browser from saying what it likes.
    /// - Parameters:
    ///   - origin: the request's `Origin` header; nil (terminal clients) always passes.
    ///   - host: the request's `Host` header: an origin naming the same host and port passes.
    ///   - allowed: further origins, `scheme://host[:port]`, compared ignoring case and a trailing `/`.
    static func allows(origin: String?, host: String?, allowed: [String]) -> Bool {
        guard let origin else { return true }
        let normal = { (s: String) in (s.hasSuffix("/") ? String(s.dropLast()) : s).lowercased() }
        if allowed.map(normal).contains(normal(origin)) { return true }
        if let scheme = URL(string: origin)?.scheme?.lowercased(), scheme == "ws" || scheme == "wss" { return true }
        guard let host, let url = URL(string: origin), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let originHost = url.host?.lowercased()
        else { return false }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        let (hostName, hostPort) = split(host.lowercased(), defaultPort: scheme == "https" ? 443 : 80)
        let bareOrigin = originHost.hasPrefix("[") ? String(originHost.dropFirst().dropLast()) : originHost
        return bareOrigin == hostName && port == hostPort
    }

    private static func split(_ host: String, defaultPort: Int) -> (String, Int) {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let name = String(host[host.index(after: host.startIndex)..<close])
            let rest = host[host.index(after: close)...]
            return (name, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? -1 : defaultPort)
        }
        if let colon = host.lastIndex(of: ":") { return (String(host[..<colon]), Int(host[host.index(after: colon)...]) ?? -1) }
        return (host, defaultPort)
    }
}
