import BrogueContent
import Foundation

/// The address a connection is counted and throttled by: the peer's, unless the peer is a
/// trusted proxy, in which case `X-Forwarded-For` is read from the right (each proxy appends the
/// address it saw) past every trusted hop to the first address that is not one of ours.
///
/// A client can write anything into the header, but only the part left of the last untrusted hop
/// is its own: the entries a trusted proxy appended are believed, the rest never are. An entry
/// that is not an IP address stops the walk at the hop that passed it on.
enum ClientAddress {
    /// - Parameters:
    ///   - peer: the socket's remote address.
    ///   - forwardedFor: every `X-Forwarded-For` field of the request, in order.
    static func resolve(peer: String, forwardedFor: [String], trusted: [AddressRange]) -> String {
        guard !trusted.isEmpty, isTrusted(peer, trusted) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard let address = normalised(hop) else { return client }
            client = address
            if !isTrusted(address, trusted) { return client }
        }
        return client
    }

    private static func isTrusted(_ address: String, _ trusted: [AddressRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }

    /// The entry as an address, or nil when it is not one (ports and brackets are not part of
    /// the header's grammar; nginx and the ingresses write bare addresses).
    private static func normalised(_ hop: String) -> String? {
        AddressRange(hop) == nil || hop.contains("/") ? nil : hop
    }
}
