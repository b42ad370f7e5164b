import BrogueClient
import BrogueNode
import BrogueProtocol
import Foundation
import NIOConcurrencyHelpers
import Testing

/// A wall clock the test moves by hand: session expiry and login throttling without waiting.
final class TestClock: Sendable {
    private let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
    var date: Date { now.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// A quick node config for account tests: bcrypt cost 4 (the lowest), the test's clock.
func accountConfig(clock: TestClock = TestClock(), _ change: (inout AccessConfig) -> Void = { _ in }) -> NodeConfig {
    var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
    config.access.bcryptCost = 4
    config.access.clock = { clock.date }
    change(&config.access)
    return config
}

/// A connection that said hello and nothing else.
func helloed(_ port: Int) async throws -> RemoteGame {
    let remote = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
    try await remote.sayHello(client: "tests")
    return remote
}

/// The error code a refused identification got, or nil when it succeeded.
func refusal(_ remote: RemoteGame, _ credentials: RemoteGame.Credentials) async -> ErrorCode? {
    do {
        _ = try await remote.identify(credentials)
        return nil
    } catch RemoteError.refused(let e) {
        return e.code
    } catch {
        Issue.record("unexpected \(error)")
        return nil
    }
}
