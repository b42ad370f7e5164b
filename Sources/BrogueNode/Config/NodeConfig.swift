/// How a node runs: where it listens and the limits it holds every connection to.
public struct NodeConfig: Sendable {
    /// The address to bind; `127.0.0.1` by default, `0.0.0.0` for every interface.
    public var host: String
    /// The TCP port; 0 asks the system for a free one (tests).
    public var port: Int
    /// Sustained actions (or keys) per second per connection.
    public var actionsPerSecond: Int
    /// Actions that may come at once above that rate.
    public var actionBurst: Int
    /// Messages waiting for a slow client before it is dropped.
    public var outboundQueueLimit: Int
    /// Rate-limited messages in a row before the connection is closed for flooding.
    public var floodLimit: Int
    /// How long a drain waits for connections to close, in seconds.
    public var drainSeconds: Int
    /// The node's name in `hello` and logs.
    public var instanceID: String
    /// The close code a drain ends every connection with, after `bye` `shutdown`: 1001 (going
    /// away, the default) for a node that stops, 1012 (service restart) for a cluster gateway
    /// stopped in a rolling restart. Clients reconnect and resume after either
    /// (`Reconnect.shouldReconnect`); 1012 also tells a proxy or browser it is a restart.
    public var drainCloseCode: UInt16 = 1001
    /// Accounts, limits per address, idle timeout, Origin check; see `NodeConfig+Accounts.swift`.
    public var access = AccessConfig()
    /// The steady time for the idle timeout, the action rate and the drain bound (the wall
    /// clock for sessions is `access.clock`); tests pass one they move by hand.
    public var steadyClock: any NodeClock = SystemNodeClock()

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        actionsPerSecond: Int = 30,
        actionBurst: Int = 60,
        outboundQueueLimit: Int = 64,
        floodLimit: Int = 200,
        drainSeconds: Int = 10,
        instanceID: String = "node-1"
    ) {
        self.host = host
        self.port = port
        self.actionsPerSecond = actionsPerSecond
        self.actionBurst = actionBurst
        self.outboundQueueLimit = outboundQueueLimit
        self.floodLimit = floodLimit
        self.drainSeconds = drainSeconds
        self.instanceID = instanceID
    }

    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6).
    /// - Returns: nil when it is not an address with a port 0...65535.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port), !host.isEmpty else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
