public import BrogueContent
public import Foundation

/// Who may connect and how: accounts, guests, limits per address, idle connections, browser
/// origins. Part of `NodeConfig` (`config.access`).
public struct AccessConfig: Sendable {
    /// Whether `guest` is accepted; false leaves only `register` and `login`.
    public var guests = true
    /// Origins (`https://example.org`, scheme://host[:port]) a browser page may connect from,
    /// besides the node's own host. Requests without `Origin` (terminal clients) always pass.
    public var allowedOrigins: [String] = []
    /// Open WebSockets per remote address; 0 is no cap. One more is told `too_many_connections`.
    /// All connections of an address (being set up, plain HTTP, WebSocket) are held to this
    /// plus 4 (`AddressLimiter.refusalGrace`): past that they are closed as soon as accepted.
    public var maxConnectionsPerAddress = 32
    /// Reverse proxies (nginx, an ingress) whose `X-Forwarded-For` names the client; the
    /// header from anyone else is ignored, so it cannot be forged past the caps and throttles.
    public var trustedProxies: [AddressRange] = []
    /// Seconds without a client message before the node says `bye` `idle`; 0 never.
    public var idleTimeoutSeconds: Double = 900
    /// Seconds a connection has, from when it is accepted or starts a request, to send the whole
    /// request head (or WebSocket handshake); then it is closed unanswered. 0 never.
    public var requestTimeoutSeconds: Double = 5
    /// bcrypt's cost (4...31; each step doubles the work). 12 in production; tests use 4.
    public var bcryptCost = 12
    /// How long a session token lasts, in seconds (30 days).
    public var sessionSeconds: Double = 30 * 86_400
    /// Failed logins per account name, and per remote address, within `loginFailureWindowSeconds`
    /// before further attempts are answered `login_throttled`.
    public var loginFailureLimit = 5
    public var loginFailureWindowSeconds: Double = 300
    /// The wall clock for session expiry and login throttling; tests inject their own.
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}
}
