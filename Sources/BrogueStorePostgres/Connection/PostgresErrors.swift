import BrogueStore
import NIOCore
import PostgresNIO

/// PostgreSQL's failures in the store's words. postgres-nio's errors are read by code and
/// SQLSTATE only: their full text may hold the query and its values.
enum PostgresErrors {
    static func storeError(_ error: any Error, location: PostgresLocation) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? StatementTimedOut {
            return .unreachable(
                server: hostPort(location),
                detail: "no answer to a statement within \(error.seconds) s, so the connection was closed; the call may or may not have taken effect"
            )
        }
        guard let error = error as? PSQLError else {
            if error is PostgresDecodingError {
                return .database(path: location.description, detail: "a stored value does not decode: the schema is not this build's")
            }
            // Connecting failed below PostgreSQL: refused, timed out, no route, DNS.
            return .unreachable(server: hostPort(location), detail: "\(error)")
        }
        if isConnectionFailure(error) {
            return .unreachable(server: hostPort(location), detail: connectionDetail(error, location: location))
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let detail = "PostgreSQL \(state): \(message)"
        switch state {
        case "53100":
            return .diskFull(path: location.description)
        case "25006":
            return .readOnly(path: location.description, detail: detail)
        case "3D000", "28000", "28P01", "42501":
            return .cannotOpen(path: location.description, detail: detail)
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return .unreachable(server: hostPort(location), detail: detail)
        default:
            return .database(path: location.description, detail: detail)
        }
    }

    /// True when the connection itself is gone or never was: retrying on a new one may work.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return !(error is StoreError) && !(error is PostgresDecodingError) }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .sslUnsupported,
            .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        default:
            return false
        }
    }

    private static func hostPort(_ location: PostgresLocation) -> String {
        "\(location.host):\(location.port)"
    }

    private static func connectionDetail(_ error: PSQLError, location: PostgresLocation) -> String {
        switch error.code {
        case .sslUnsupported:
            return
                "the server does not offer TLS but sslmode=\(location.sslMode.rawValue) requires it; enable ssl on the server or use sslmode=prefer"
        case .serverClosedConnection, .uncleanShutdown:
            return "the server closed the connection"
        case .connectionError:
            let underlying = error.underlying.map { "\($0)" } ?? "the connection failed"
            if underlying.contains("CERTIFICATE_VERIFY_FAILED") {
                return "the server's TLS certificate is not trusted (sslmode=\(location.sslMode.rawValue)); "
                    + "add sslrootcert=/path/to/ca.pem naming the certificate authority that signed it"
            }
            return underlying
        default:
            return error.serverInfo?[.message] ?? "\(error.code)"
        }
    }
}
