import BrogueContent
import Foundation
import Testing

/// `mode: node` and the `node:` section of `brogue.yaml`.
@Suite struct ConfigFileNodeTests {
    func load(_ text: String, home: String = "/home/me") -> (ConfigFile?, [Diagnostic], String) {
        let folder = TempFolder()
        let path = folder.write("brogue.yaml", text)
        do {
            return (try ConfigFile.load(path: path, commands: ["search"], environment: ["HOME": home]), [], path)
        } catch {
            return (nil, error.diagnostics, path)
        }
    }

    @Test func readsEveryNodeSetting() throws {
        let (config, problems, path) = load(
            """
            mode: node
            node:
              listen: 0.0.0.0:8080
              data: data
              instance_id: eu-1
              log_level: debug
              log_format: text
              guests: false
              allowed_origins: [https://play.example.org, http://localhost:3000]
              max_connections_per_address: 8
              idle_timeout_seconds: 60
              request_timeout_seconds: 3
              drain_seconds: 5
              bcrypt_cost: 10
              session_days: 7
              actions_per_second: 20
              action_burst: 40
              login_failure_limit: 3
              login_failure_window_seconds: 120
            """
        )
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let c = try #require(config)
        #expect(c.mode == .node)
        let n = try #require(c.node)
        #expect(n.listen == "0.0.0.0:8080")
        #expect(n.data == URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data").standardizedFileURL.path)
        #expect(n.instanceID == "eu-1" && n.logLevel == "debug" && n.logFormat == "text" && n.guests == false)
        #expect(n.allowedOrigins == ["https://play.example.org", "http://localhost:3000"])
        #expect(n.maxConnectionsPerAddress == 8 && n.idleTimeoutSeconds == 60 && n.drainSeconds == 5 && n.bcryptCost == 10)
        #expect(n.sessionDays == 7 && n.actionsPerSecond == 20 && n.actionBurst == 40)
        #expect(n.requestTimeoutSeconds == 3)
        #expect(n.loginFailureLimit == 3 && n.loginFailureWindowSeconds == 120)
    }

    @Test func modeTerminalAndNoNodeSection() throws {
        let (config, problems, _) = load("mode: terminal\n")
        #expect(problems.isEmpty)
        #expect(config?.mode == .terminal && config?.node == nil)
    }

    @Test func eachMistakeIsReportedWithItsPosition() {
        let (_, problems, path) = load(
            """
            mode: web
            node:
              listen: nowhere
              guestz: true
              bcrypt_cost: 99
              guests: maybe
              allowed_origins: [ftp://files.example.org]
              log_level: loud
              idle_timeout_seconds: -1
              listen: 1.2.3.4:5
            """
        )
        let errors = problems.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [1, 3, 4, 5, 6, 7, 8, 9, 10], "\(errors.map(\.description))")
        let text = errors.map(\.description)
        #expect(
            text[0] == "\(path):1:7: error: mode 'web' is not available in this version (write 'mode: terminal', 'mode: node' or leave it out)",
            "\(text[0])"
        )
        #expect(text[1].hasPrefix("\(path):3:11: error: 'listen' must be HOST:PORT"))
        #expect(text[2].contains("4:3: error: unknown node setting 'guestz' (did you mean 'guests'?)"))
        #expect(text[3].contains("5:16: error: 'bcrypt_cost' must be a whole number 4...31, found '99'"))
        #expect(text[4].contains("'guests' must be true or false"))
        #expect(text[5].contains("'ftp://files.example.org' is not an origin"))
        #expect(text[6].contains("'log_level' must be one of"))
        #expect(text[7].contains("'idle_timeout_seconds' must be a whole number 0...604800"))
        #expect(text[8].contains("'listen' is set twice in 'node'"))
    }

    @Test func readsTheClusterSettings() throws {
        let (config, problems, path) = load(
            """
            node:
              role: game
              nats_url: [nats://10.0.0.5:4222, nats://nats-2]
              postgres_url_file: secrets/pg
            """
        )
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let n = try #require(config?.node)
        #expect(n.role == "game" && n.natsServers == ["nats://10.0.0.5:4222", "nats://nats-2"])
        #expect(
            n.postgresURLFile == URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("secrets/pg").standardizedFileURL.path
        )
    }

    @Test func clusterMistakesAreReportedWithTheirPosition() {
        let (_, problems, _) = load(
            """
            node:
              role: gatway
              nats_url: [http://10.0.0.5:4222]
              postgres_url: postgres://me:hunter2@db/brogue
            """
        )
        let text = problems.filter { $0.severity == .error }.map(\.description)
        #expect(text.count == 3, "\(text)")
        #expect(
            text.first?.contains("2:9: error: 'role' must be one of all, gateway, game, found 'gatway' (did you mean 'gateway'?)") == true,
            "\(text)"
        )
        #expect(text.dropFirst().first?.contains("3:14: error: 'http://10.0.0.5:4222' is not a NATS server") == true, "\(text)")
        // A connection string with a password does not belong in a settings file: the key is unknown, the hint names the file key.
        #expect(text.last?.contains("4:3: error: unknown node setting 'postgres_url': the connection string holds a password") == true, "\(text)")
        #expect(text.last?.contains("put it in a file named by 'postgres_url_file', or set POSTGRES_URL") == true, "\(text)")
        #expect(!text.joined().contains("hunter2"))
    }

    @Test func trustedProxiesAreAddressesOrBlocks() throws {
        let (config, problems, _) = load("node:\n  trusted_proxies: [10.0.0.0/8, 127.0.0.1, fd00::/8]\n")
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        #expect(config?.node?.trustedProxies == ["10.0.0.0/8", "127.0.0.1", "fd00::/8"])
        let (_, wrong, _) = load("node:\n  trusted_proxies: [10.0.0.0/8, nginx, 10.0.0.0/40]\n")
        let text = wrong.filter { $0.severity == .error }.map(\.description)
        #expect(text.count == 2, "\(text)")
        #expect(text.first?.contains("2:33: error: 'nginx' is not an IP address or CIDR block") == true, "\(text)")
        #expect(text.last?.contains("2:40: error: '10.0.0.0/40' is not an IP address or CIDR block") == true, "\(text)")
    }

    @Test func nodeMustBeAMapping() {
        let (_, problems, _) = load("node: [listen]\n")
        #expect(problems.first?.description.contains("'node' must be a mapping") == true)
        #expect(problems.first?.line == 1 && problems.first?.column == 7)
    }
}
