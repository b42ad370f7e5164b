import BrogueProtocol
import Testing

/// Which endings a client reconnects after by itself, as docs/protocol.md lists them.
@Suite struct ReconnectTests {
    @Test func aNodeGoingAwayOrRestartingOrADroppedConnectionIsWorthAnotherTry() {
        #expect(Reconnect.shouldReconnect(bye: .shutdown, fatal: nil, closeCode: CloseCode.goingAway))
        #expect(Reconnect.shouldReconnect(bye: .shutdown, fatal: nil, closeCode: CloseCode.serviceRestart))
        #expect(Reconnect.shouldReconnect(bye: .shutdown, fatal: nil, closeCode: nil))
        #expect(Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: CloseCode.goingAway))
        #expect(Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: CloseCode.serviceRestart))
        #expect(Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: CloseCode.abnormal))
        #expect(Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: nil))
    }

    @Test func anEndingCausedByTheClientIsNot() {
        for reason in ByeReason.allCases where reason != .shutdown {
            #expect(!Reconnect.shouldReconnect(bye: reason, fatal: nil, closeCode: CloseCode.goingAway), "\(reason)")
        }
        for code in ErrorCode.allCases where code.isFatal {
            #expect(!Reconnect.shouldReconnect(bye: nil, fatal: code, closeCode: code.closeCode), "\(code)")
        }
        for code in [CloseCode.normal, CloseCode.policyViolation, CloseCode.messageTooLarge, CloseCode.invalidPayload, CloseCode.internalError] {
            #expect(!Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: code), "\(code)")
        }
    }
}
