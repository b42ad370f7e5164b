import BrogueCore
import BrogueNATS
import BrogueProtocol
import BrogueTestServers
import Testing

@testable import BrogueNode

/// An action whose tries run out may have been stored by an owner whose answer was lost. The
/// gateway's action count is then maybe behind, and a next action sent with it would be answered
/// as a resend of this one: the player would be told an action was stored that never was. So the
/// game's outcome is marked unknown, the gateway's reader ends the connection (bye shutdown,
/// 1012) for the client to resume, and nothing more is sent for the game until then.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterNoAnswerTests {
    @Test func anActionNoInstanceAnswersLeavesItsOutcomeUnknownAndStopsTheGame() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let bus = ClusterBus(client: client, subjects: ClusterSubjects(), metrics: NodeMetrics(instance: "gw"))
        // Game 1's owner and every other instance are gone: no one answers its subject or placements.
        let game = ClusterGame(id: 1, owner: "g1", actions: 3, bus: bus)
        #expect(await !game.outcomeUnknown)
        do {
            _ = try await game.perform(.search)
            Issue.record("an action no one answered was acknowledged")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("may or may not"), "\(error.message)")
        }
        #expect(await game.outcomeUnknown, "the reader ends the connection for a resume")
        do {
            _ = try await game.press(key: "s")
            Issue.record("a key was sent with an action count that may be behind")
        } catch {
            #expect(error.message.contains("resume"), "\(error.message)")
        }
        await client.close()
    }
}
