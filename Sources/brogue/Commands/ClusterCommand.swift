import ArgumentParser
import BrogueStore
import BrogueStorePostgres
import Foundation

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Look at a cluster of gateways and game instances (docs/cluster.md).",
        subcommands: [ClusterStatusCommand.self]
    )
}

struct ClusterStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the instances (id, role, games, address, last heartbeat) and who holds each game's lease.",
        discussion: """
            Reads the shared PostgreSQL store: --store, else $POSTGRES_URL, else the file $POSTGRES_URL_FILE names. \
            An instance whose last heartbeat is over 10 seconds old is marked 'silent': stopped, or cut off from the store.
            """
    )

    @Option(name: .customLong("store"), help: ArgumentHelp("The cluster's PostgreSQL store (postgres://...).", valueName: "url"))
    var url: String?

    @Option(help: "Show at most this many leases, newest games first.") var leases = 50

    func run() throws {
        let store = try openStore()
        defer { store.close() }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let beats = try store.heartbeats()
        let rows = beats.map { b in
            let age = Double(now - b.at) / 1000
            return [b.id, b.role, "\(b.gamesHosted)", b.address, String(format: "%.1f s ago", age) + (age > 10 ? " (silent)" : "")]
        }
        print("instances")
        print(Table.render(header: ["id", "role", "games", "address", "last heartbeat"], rows: rows))
        if beats.isEmpty { print("(no instance has sent a heartbeat to this store)") }
        let held = try store.leases().filter { $0.expires > now }.sorted { $0.gameID > $1.gameID }
        print("\nleases held (\(held.count))")
        print(
            Table.render(
                header: ["game", "holder", "epoch", "expires in"],
                rows: held.prefix(max(0, leases)).map { l in
                    ["\(l.gameID)", l.holder, "\(l.epoch)", String(format: "%.1f s", Double(l.expires - now) / 1000)]
                }
            )
        )
    }

    private func openStore() throws -> PostgresGameStore {
        let env = ProcessInfo.processInfo.environment
        var text = url ?? env["POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var source = url != nil ? "--store" : "POSTGRES_URL"
        if text == nil, let file = env["POSTGRES_URL_FILE"], !file.isEmpty {
            text = try? String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            source = "POSTGRES_URL_FILE (\(file))"
            if text == nil { throw ValidationError("POSTGRES_URL_FILE: cannot read '\(file)'") }
        }
        guard let text else { throw ValidationError("name the cluster's store: --store postgres://..., or set POSTGRES_URL") }
        do {
            return try PostgresGameStore(url: text)
        } catch {
            Console.error("brogue: the store from \(source) cannot be used: \(error)")
            throw ExitCode(1)
        }
    }
}
