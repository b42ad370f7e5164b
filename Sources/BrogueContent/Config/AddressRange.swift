import Foundation

/// An IP address or a CIDR block (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`): the proxies a node
/// trusts to say who the client is (`node.trusted_proxies`).
///
/// IPv4-mapped IPv6 addresses (`::ffff:10.0.0.5`, what a dual-stack socket reports for an IPv4
/// peer) are compared as the IPv4 address they carry.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    /// Leading bits that must match.
    let prefix: Int
    public let description: String

    /// Parses `ADDRESS` or `ADDRESS/BITS`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = Self.parse(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...bits).contains(n), parts[1].allSatisfy(\.isASCII) else { return nil }
            prefix = n
        }
        self.bytes = bytes
        self.prefix = prefix
        description = text
    }

    /// Whether `address` (as a socket reports it) lies in this range; false for anything that is
    /// not an IP address.
    public func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address), other.count == bytes.count else { return false }
        var left = prefix
        for i in 0..<bytes.count where left > 0 {
            let take = min(8, left)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if bytes[i] & mask != other[i] & mask { return false }
            left -= take
        }
        return true
    }

    /// The address's bytes: 4 for IPv4 (also for an IPv4-mapped IPv6 address), 16 for IPv6.
    static func parse(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 45, text.allSatisfy(\.isASCII) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped ? Array(bytes[12...]) : bytes
    }
}
