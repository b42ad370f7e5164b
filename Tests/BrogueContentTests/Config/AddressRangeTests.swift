import BrogueContent
import Testing

@Suite struct AddressRangeTests {
    @Test func blocksHoldTheirAddressesAndNoOthers() throws {
        let ten = try #require(AddressRange("10.0.0.0/8"))
        #expect(ten.contains("10.255.1.2") && !ten.contains("11.0.0.1") && !ten.contains("fd00::1"))
        let odd = try #require(AddressRange("192.168.4.0/22"))
        #expect(odd.contains("192.168.7.255") && !odd.contains("192.168.8.0") && !odd.contains("192.168.3.255"))
        let one = try #require(AddressRange("127.0.0.1"))
        #expect(one.contains("127.0.0.1") && !one.contains("127.0.0.2"))
        let v6 = try #require(AddressRange("fd00::/8"))
        #expect(v6.contains("fd12:3456::1") && !v6.contains("fe80::1") && !v6.contains("10.0.0.1"))
        #expect(try #require(AddressRange("0.0.0.0/0")).contains("203.0.113.9"))
    }

    @Test func anIPv4MappedPeerIsComparedAsIPv4() throws {
        #expect(try #require(AddressRange("127.0.0.0/8")).contains("::ffff:127.0.0.1"))
    }

    @Test func whatIsNotAnAddressOrBlockIsRefused() {
        for text in ["", "10.0.0.0/33", "fd00::/129", "10.0.0/8", "localhost", "10.0.0.1/", "/8", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/٨"] {
            #expect(AddressRange(text) == nil, "\(text)")
        }
        #expect(AddressRange("10.0.0.0/8")?.contains("not an address") == false)
    }
}
