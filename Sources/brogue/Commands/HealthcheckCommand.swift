import ArgumentParser
import BrogueClient
import Foundation

/// The container's HEALTHCHECK and any supervisor's probe: exits 0 only when the node answers
/// `/ready` with 200, so a draining, starting or cut-off node is reported unhealthy.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the node at URL is ready (GET /ready answers 200), 1 when it is not or cannot be reached.",
        discussion: """
            With no URL it asks the node this environment would start: http://127.0.0.1:PORT/ready, \
            PORT from BROGUE_LISTEN (else 8080). A URL without a path gets /ready. Prints one line \
            saying what it saw, on standard output when ready, else on standard error.

            Examples:
              brogue healthcheck                                  (in the node's container)
              brogue healthcheck http://10.0.0.5:8080             a node elsewhere
              brogue healthcheck http://127.0.0.1:8080/health     alive, even while draining
            """
    )

    @Argument(help: ArgumentHelp("The node's address or probe URL (http:// only).", valueName: "url"))
    var url: String?

    @Option(help: "Seconds to wait for the answer.") var timeout: Double = 3

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be more than 0 and at most 300 seconds") }
    }

    func run() throws {
        let target = Self.target(url, environment: ProcessInfo.processInfo.environment)
        do {
            let answer = try HTTPProbe.get(target, timeout: timeout)
            let said = answer.body.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80)
            guard answer.status == 200 else {
                FileHandle.standardError.write(Data("not ready: \(target) answered \(answer.status) \(said)\n".utf8))
                throw ExitCode(1)
            }
            print("ready: \(target) answered 200 \(said)")
        } catch let failure as HTTPProbe.Failure {
            FileHandle.standardError.write(Data("not ready: \(failure.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The URL to probe: the given one (with /ready when it has no path), else this environment's node.
    static func target(_ url: String?, environment: [String: String]) -> String {
        guard let url, !url.isEmpty else {
            let listen = environment["BROGUE_LISTEN"] ?? ""
            let port = listen.split(separator: ":").last.flatMap { Int($0) }.map { $0 == 0 ? 8080 : $0 } ?? 8080
            return "http://127.0.0.1:\(port)/ready"
        }
        guard let c = URLComponents(string: url), c.host != nil, c.percentEncodedPath.isEmpty || c.percentEncodedPath == "/" else { return url }
        return url.hasSuffix("/") ? url + "ready" : url + "/ready"
    }
}
