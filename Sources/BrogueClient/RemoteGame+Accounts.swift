public import BrogueProtocol

extension RemoteGame {
    /// How `start(as:)` identifies the connection.
    public enum Credentials: Sendable {
        /// A guest, optionally under a display name.
        case guest(String?)
        /// `register`: a new account.
        case register(name: String, password: String)
        /// `login` with a name and password.
        case password(name: String, password: String)
        /// `login` with a session token from an earlier `identity`.
        case session(String)
    }

    /// `hello`, then `guest`, `register` or `login`.
    /// - Returns: the identity; for an account it carries the session token to keep.
    /// - Throws: `RemoteError.refused` with `bad_credentials`, `name_taken`, `login_throttled`,
    ///   `session_expired`, `guests_disabled`...; `.versionMismatch` for another protocol version.
    @discardableResult
    public func start(as credentials: Credentials, client: String = "brogue-connect/0.1.0") async throws(RemoteError) -> Identity {
        if hello == nil { try await sayHello(client: client) }
        return try await identify(credentials)
    }

    /// Sends `guest`, `register` or `login` on a connection that said hello.
    @discardableResult
    public func identify(_ credentials: Credentials) async throws(RemoteError) -> Identity {
        switch credentials {
        case .guest(let name): try await send(.guest(name: name))
        case .register(let name, let password): try await send(.register(name: name, password: password))
        case .password(let name, let password): try await send(.login(name: name, password: password))
        case .session(let token): try await send(.loginSession(token))
        }
        switch try await next().message {
        case .identity(let i):
            identity = i
            return i
        case let other: throw unexpected(other)
        }
    }

    /// Sends `hello` and checks the version; `identify` comes next.
    public func sayHello(client: String = "brogue-connect/0.1.0") async throws(RemoteError) {
        try await send(.hello(version: ProtocolInfo.version, client: client))
        switch try await next().message {
        case .hello(let h):
            guard h.version == ProtocolInfo.version else { throw .versionMismatch(client: ProtocolInfo.version, node: h.server) }
            hello = h
        case .error(let e) where e.code == .versionUnsupported:
            throw .versionMismatch(client: ProtocolInfo.version, node: e.message)
        case let other: throw unexpected(other)
        }
    }
}
