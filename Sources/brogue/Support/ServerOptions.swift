import ArgumentParser
import BrogueClient
import Foundation

/// The node addresses a client command connects to: positional, `--server` (repeatable), or
/// comma-separated in either; a lost connection moves on along the list.
struct ServerOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The node's address (several: comma-separated, or more --server).", valueName: "ws://host:port"))
    var url: [String] = []

    @Option(
        name: .customLong("server"),
        help: ArgumentHelp("Another node address to connect (or reconnect) to; repeatable.", valueName: "ws://host:port")
    )
    var server: [String] = []

    /// Every address given, in order, without blanks.
    var servers: [String] {
        (url + server).flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard !servers.isEmpty else { throw ValidationError("give the node's address: ws://HOST:PORT (or --server ws://HOST:PORT)") }
        for address in servers {
            do { _ = try RemoteGame.endpoint(address) } catch { throw ValidationError("\(error)") }
        }
    }
}
