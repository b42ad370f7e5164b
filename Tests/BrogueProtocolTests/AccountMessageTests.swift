import BrogueProtocol
import Foundation
import Testing

/// `register` and `login` on the wire, and the identity fields of an account.
@Suite struct AccountMessageTests {
    @Test(arguments: [
        ClientEnvelope(.register(name: "Alice_1", password: "correct horse"), id: 1),
        ClientEnvelope(.login(name: "alice_1", password: "p\u{e9}ssw\u{f6}rd \"quoted\""), id: 2),
        ClientEnvelope(.loginSession(String(repeating: "ab", count: 32))),
    ])
    func roundTrips(_ envelope: ClientEnvelope) throws {
        #expect(try WireCodec.decodeClient(WireCodec.encode(envelope)) == envelope)
    }

    @Test func readsTheDocumentedForm() throws {
        #expect(try WireCodec.decodeClient(#"{"type":"login","session":"0a1b"}"#) == ClientEnvelope(.loginSession("0a1b")))
        #expect(
            try WireCodec.decodeClient(#"{"type":"register","name":"bob","password":"x"}"#) == ClientEnvelope(.register(name: "bob", password: "x"))
        )
    }

    @Test(arguments: [
        #"{"type":"login","session":"abc","name":"bob"}"#,
        #"{"type":"login","session":"abc","password":"x"}"#,
        #"{"type":"login","name":"bob"}"#,
        #"{"type":"login","password":"secret123"}"#,
        #"{"type":"login"}"#,
        #"{"type":"register","name":"bob"}"#,
        #"{"type":"register","name":"bob","password":7}"#,
        #"{"type":"register","name":"bob","password":"long enough","admin":true}"#,
        #"{"type":"login","session":""}"#,
    ])
    func refusesMalformedAccountMessages(_ text: String) {
        do {
            _ = try WireCodec.decodeClient(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .badField, "\(text): \(error)")
        }
    }

    @Test func passwordsUpTo256BytesAndNoMore() throws {
        let ok = String(repeating: "\u{e9}", count: 128)  // 256 bytes
        #expect(
            try WireCodec.decodeClient(WireCodec.encode(ClientEnvelope(.register(name: "bob", password: ok))))
                == ClientEnvelope(.register(name: "bob", password: ok))
        )
        #expect(throws: ProtocolError(.badField, "'password' in 'register' must be a string of at most 256 bytes")) {
            try WireCodec.decodeClient(WireCodec.encode(ClientEnvelope(.register(name: "bob", password: ok + "x"))))
        }
    }

    @Test func accountIdentityCarriesSessionAndExpiryAndGuestsDoNot() throws {
        let account = ServerEnvelope(.identity(Identity(player: "Alice_1", guest: false, session: "ff", expires: 1_802_592_000)), ref: 3)
        let text = WireCodec.encode(account)
        #expect(text.contains(#""session":"ff""#) && text.contains(#""expires":1802592000"#))
        #expect(try WireCodec.decodeServer(text) == account)
        let guest = WireCodec.encode(ServerEnvelope(.identity(Identity(player: "guest-x", guest: true))))
        #expect(!guest.contains("session") && !guest.contains("expires"))
    }

    @Test func accountErrorsAreNonFatalButTheConnectionCapIs() {
        for code in [ErrorCode.badCredentials, .nameTaken, .loginThrottled, .guestsDisabled, .sessionExpired, .badName, .badPassword] {
            #expect(!code.isFatal, "\(code)")
        }
        #expect(ErrorCode.tooManyConnections.isFatal && ErrorCode.tooManyConnections.closeCode == CloseCode.policyViolation)
        #expect(ByeReason(rawValue: "idle") == .idle)
    }
}
