import Foundation
import NIOSSL

/// TLS for `wss://` nodes: the system's trust roots, or the PEM file `SSL_CERT_FILE` names (the
/// variable OpenSSL's tools read), for a node behind a proxy with a private or self-signed
/// certificate.
enum ClientTLS {
    static func configuration(for url: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> TLSConfiguration? {
        guard url.lowercased().hasPrefix("wss:") else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty { tls.trustRoots = .file(file) }
        return tls
    }
}
