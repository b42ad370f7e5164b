import BrogueStore
import NIOSSL
import PostgresNIO

/// postgres-nio's TLS setting for a location's `sslmode`.
enum PostgresTLS {
    static func configuration(for location: PostgresLocation) throws(StoreError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return .disable
        case .prefer, .require:
            // As libpq: these modes encrypt but do not authenticate the server.
            tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let path = location.rootCertificatePath {
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
                } catch {
                    throw .invalidArgument("\(location): sslrootcert \(path) is not a readable PEM file of certificates (\(error))")
                }
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .invalidArgument("\(location): TLS could not be set up for sslmode=\(location.sslMode.rawValue) (\(error))")
        }
        return location.sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
