public import BrogueStore
public import Foundation

/// Where a PostgreSQL store lives, read from a connection string:
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require|verify-full`.
///
/// The password is kept for connecting only: `description` and every error name the server
/// as `postgres://user@host:port/database`, without it.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` says it.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate; else plain.
        case prefer
        /// TLS or no connection; the certificate is not checked (libpq's `require`).
        case require
        /// TLS with the certificate checked against the trusted roots (or `sslrootcert`) and
        /// the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// A PEM file of certificate authorities to trust for `verify-full`, else the system's.
    public var rootCertificatePath: String?
    let password: String?

    public init(
        host: String,
        port: Int = 5432,
        user: String,
        password: String? = nil,
        database: String,
        sslMode: SSLMode = .prefer,
        rootCertificatePath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.rootCertificatePath = rootCertificatePath
    }

    /// Reads a `postgres://` (or `postgresql://`) connection string.
    ///
    /// - Throws: `StoreError.invalidArgument` saying what is wrong; the message never holds
    ///   the password.
    public init(url text: String) throws(StoreError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .invalidArgument("the store address must look like postgres://user:password@host:5432/database?sslmode=prefer")
        }
        guard let host = url.host, !host.isEmpty else {
            throw .invalidArgument("the store address \(Self.redacted(url)) names no host")
        }
        guard let user = url.user, !user.isEmpty else {
            throw .invalidArgument("the store address \(Self.redacted(url)) names no user (postgres://USER@host/database)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        var sslMode = SSLMode.prefer
        var rootCertificatePath: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidArgument("\(Self.redacted(url)): sslmode '\(item.value ?? "")' is not one of \(known)")
                }
                sslMode = mode
            case "sslrootcert":
                rootCertificatePath = item.value
            default:
                throw .invalidArgument("\(Self.redacted(url)): unknown parameter '\(item.name)' (known: sslmode, sslrootcert)")
            }
        }
        self.init(
            host: host,
            port: url.port ?? 5432,
            user: user,
            password: url.password,
            database: database.isEmpty ? user : database,
            sslMode: sslMode,
            rootCertificatePath: rootCertificatePath
        )
    }

    /// `postgres://user@host:port/database`: the password never shows.
    public var description: String { "postgres://\(user)@\(server)" }

    /// `host:port/database`, for messages about reaching the server.
    public var server: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// The same server, another database (for tools and tests that create databases).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// Whether the location carries a password.
    public var hasPassword: Bool { password != nil }

    /// The same location with `password` (e.g. from `$PGPASSWORD`, kept out of the address).
    public func with(password: String?) -> PostgresLocation {
        PostgresLocation(
            host: host,
            port: port,
            user: user,
            password: password,
            database: database,
            sslMode: sslMode,
            rootCertificatePath: rootCertificatePath
        )
    }

    private static func redacted(_ url: URLComponents) -> String {
        var copy = url
        copy.password = nil
        copy.query = nil
        return copy.string ?? "postgres://..."
    }
}
