import BrogueTestServers
import Foundation
import Testing

/// The parts of a pod or cluster start in any order: a node started before its NATS server or
/// its PostgreSQL waits for them (BROGUE_STARTUP_WAIT seconds) instead of exiting.
extension ClusterProcessTests {
    @Test func aGameInstanceStartedBeforeNATSWaitsForItAndThenServes() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        let port = try LoopbackPort.free()
        rig.env["NATS_URL"] = "nats://127.0.0.1:\(port)"
        let (process, log) = try rig.launch("g1", "game")
        defer { process.stop(with: SIGTERM) }
        _ = try await log.line(containing: "waiting for NATS", timeout: .seconds(120))
        let late = try await NATSServerProcess.start(port: port)
        defer { late.stop() }
        _ = try await log.line(containing: "listening on 127.0.0.1:", timeout: .seconds(60))
        #expect(log.all.contains { $0.contains("NATS reached") }, "\(log.all.joined(separator: "\n"))")
    }

    @Test func aGameInstanceWhosePostgreSQLNeverComesGivesUpAndSaysHowLongItTried() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        rig.env["POSTGRES_URL"] = "postgres://brogue@127.0.0.1:\(try LoopbackPort.free())/brogue?sslmode=disable"
        rig.env["BROGUE_STARTUP_WAIT"] = "1"
        let (process, log) = try rig.launch("g1", "game")
        defer { process.stop(with: SIGTERM) }
        let error = try await log.line(containing: "BROGUE_STARTUP_WAIT sets", timeout: .seconds(120))
        #expect(error.contains("cannot reach the database server") && error.contains("PostgreSQL: tried "), "\(error)")
        // Each failed attempt but the last says it waits; how many fit in 1 s depends on the machine.
        let attempts = try #require(error.firstMatch(of: /tried (\d+) times/).map { Int($0.1)! } ?? (error.contains("tried once") ? 1 : nil))
        #expect(log.all.filter { $0.contains("waiting for PostgreSQL") }.count == attempts - 1, "\(log.all.joined(separator: "\n"))")
        #expect(!log.all.contains { $0.contains("listening on") })
    }
}
