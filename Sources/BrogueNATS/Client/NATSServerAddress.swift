import Foundation

/// One server to connect to: `nats://[user:password@]host[:port]`, `host:port` or `host` (port 4222).
struct NATSServerAddress: Sendable, Hashable, CustomStringConvertible {
    var host: String
    var port: Int
    var user: String?
    var password: String?

    init(host: String, port: Int, user: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
    }

    init(_ text: String) throws {
        let withScheme = text.contains("://") ? text : "nats://\(text)"
        guard let url = URL(string: withScheme) else { throw NATSError.invalidServerAddress(text) }
        try self.init(url)
    }

    init(_ url: URL) throws {
        guard ["nats", "tcp"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, !host.isEmpty else {
            throw NATSError.invalidServerAddress(url.absoluteString)
        }
        self.init(host: host, port: url.port ?? 4222, user: url.user, password: url.password)
    }

    /// `host:port`, never the credentials.
    var description: String { "\(host):\(port)" }

    static func == (a: Self, b: Self) -> Bool { a.host == b.host && a.port == b.port }
    func hash(into hasher: inout Hasher) {
        hasher.combine(host)
        hasher.combine(port)
    }
}

/// The servers a client knows, in the order it tries them: those it was given, then those INFO told it of.
struct ServerPool: Sendable {
    private(set) var servers: [NATSServerAddress]
    private var cursor = 0

    init(_ servers: [NATSServerAddress]) { self.servers = servers }

    /// The next server to try, going round the list.
    mutating func next() -> NATSServerAddress {
        defer { cursor = (cursor + 1) % servers.count }
        return servers[cursor % servers.count]
    }

    /// After a connection to `server`, the next try after losing it starts with the one after it.
    mutating func connected(to server: NATSServerAddress) {
        if let index = servers.firstIndex(of: server) { cursor = (index + 1) % servers.count }
    }

    /// Adds the cluster's other servers from INFO's `connect_urls`, with the first server's credentials.
    mutating func learn(_ urls: [String]) {
        for url in urls {
            guard var address = try? NATSServerAddress(url), !servers.contains(address) else { continue }
            address.user = servers.first?.user
            address.password = servers.first?.password
            servers.append(address)
        }
    }
}
