/// The server's `INFO`: who it is, its limits and the other servers of its cluster.
public struct NATSServerInfo: Sendable, Equatable, Decodable {
    public var serverID: String
    public var serverName: String?
    public var version: String?
    public var host: String?
    public var port: Int?
    /// Whether the server understands HPUB/HMSG.
    public var headers: Bool?
    /// The largest payload the server accepts; larger publishes are refused before they are sent.
    public var maxPayload: Int?
    public var authRequired: Bool?
    /// Client addresses of the cluster's other servers (`host:port`), learnt for reconnecting.
    public var connectURLs: [String]?
    /// Lame duck mode: the server is about to shut down.
    public var lameDuckMode: Bool?

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case serverName = "server_name"
        case version
        case host
        case port
        case headers
        case maxPayload = "max_payload"
        case authRequired = "auth_required"
        case connectURLs = "connect_urls"
        case lameDuckMode = "ldm"
    }

    public init(serverID: String, maxPayload: Int? = nil, connectURLs: [String]? = nil) {
        self.serverID = serverID
        self.maxPayload = maxPayload
        self.connectURLs = connectURLs
    }
}
