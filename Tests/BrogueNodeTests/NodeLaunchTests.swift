import BrogueContent
import BrogueNode
import Testing

/// Where `brogue node` takes each setting from: brogue.yaml < environment < flags.
@Suite struct NodeLaunchTests {
    var file: ConfigFile.NodeSettings {
        var f = ConfigFile.NodeSettings()
        f.listen = "0.0.0.0:7000"
        f.data = "/srv/yaml"
        f.guests = false
        f.allowedOrigins = ["https://yaml.example"]
        f.maxConnectionsPerAddress = 5
        f.idleTimeoutSeconds = 60
        f.requestTimeoutSeconds = 9
        f.bcryptCost = 10
        f.sessionDays = 2
        f.instanceID = "yaml-node"
        f.logLevel = "debug"
        f.drainSeconds = 3
        return f
    }

    @Test func defaultsWithNothingSet() throws {
        let l = try NodeLaunch.resolve(file: nil, environment: [:], flags: .init())
        #expect(l.config.host == "127.0.0.1" && l.config.port == 8080 && l.dataDirectory == nil)
        #expect(l.config.access.guests && l.config.access.maxConnectionsPerAddress == 32 && l.config.access.idleTimeoutSeconds == 900)
        #expect(l.config.access.bcryptCost == 12 && l.config.access.sessionSeconds == 30 * 86_400)
        #expect(l.config.access.requestTimeoutSeconds == 5)
        #expect(l.config.instanceID == "node-1" && l.logLevel == "info" && l.logFormat == "json")
    }

    @Test func yamlAlone() throws {
        let l = try NodeLaunch.resolve(file: file, environment: [:], flags: .init())
        #expect(l.config.host == "0.0.0.0" && l.config.port == 7000 && l.dataDirectory == "/srv/yaml")
        #expect(!l.config.access.guests && l.config.access.allowedOrigins == ["https://yaml.example"])
        #expect(l.config.access.maxConnectionsPerAddress == 5 && l.config.access.idleTimeoutSeconds == 60)
        #expect(l.config.access.requestTimeoutSeconds == 9)
        #expect(l.config.access.bcryptCost == 10 && l.config.access.sessionSeconds == 2 * 86_400)
        #expect(l.config.instanceID == "yaml-node" && l.logLevel == "debug" && l.config.drainSeconds == 3)
    }

    @Test func environmentOverridesYamlAndFlagsOverrideBoth() throws {
        let env = [
            "BROGUE_LISTEN": "127.0.0.1:7001", "BROGUE_DATA_DIR": "/srv/env", "BROGUE_GUESTS": "true",
            "BROGUE_ALLOWED_ORIGINS": "https://a.example, https://b.example",
            "BROGUE_MAX_CONNECTIONS_PER_ADDRESS": "6", "BROGUE_IDLE_TIMEOUT_SECONDS": "61", "BROGUE_BCRYPT_COST": "11", "INSTANCE_ID": "env-node",
            "BROGUE_REQUEST_TIMEOUT_SECONDS": "0",
            "LOG_LEVEL": "error", "LOG_FORMAT": "text", "BROGUE_DRAIN_SECONDS": "4",
        ]
        let l = try NodeLaunch.resolve(file: file, environment: env, flags: .init())
        #expect(l.config.port == 7001 && l.dataDirectory == "/srv/env" && l.config.access.guests)
        #expect(l.config.access.allowedOrigins == ["https://a.example", "https://b.example"])
        #expect(l.config.access.maxConnectionsPerAddress == 6 && l.config.access.idleTimeoutSeconds == 61 && l.config.access.bcryptCost == 11)
        #expect(l.config.access.requestTimeoutSeconds == 0)
        #expect(l.config.instanceID == "env-node" && l.logLevel == "error" && l.logFormat == "text" && l.config.drainSeconds == 4)
        // Not set in the environment: still the file's.
        #expect(l.config.access.sessionSeconds == 2 * 86_400)

        let flagged = try NodeLaunch.resolve(
            file: file,
            environment: env,
            flags: .init(
                listen: "[::1]:7002",
                data: "/srv/flag",
                guests: false,
                allowedOrigins: ["https://c.example"],
                maxConnectionsPerAddress: 0,
                idleTimeoutSeconds: 0
            )
        )
        #expect(flagged.config.host == "::1" && flagged.config.port == 7002 && flagged.dataDirectory == "/srv/flag")
        #expect(!flagged.config.access.guests && flagged.config.access.allowedOrigins == ["https://c.example"])
        #expect(flagged.config.access.maxConnectionsPerAddress == 0 && flagged.config.access.idleTimeoutSeconds == 0)
    }

    @Test func badEnvironmentValuesNameTheVariable() {
        #expect(throws: NodeLaunch.Problem(description: "BROGUE_GUESTS='perhaps' must be true or false")) {
            try NodeLaunch.resolve(file: nil, environment: ["BROGUE_GUESTS": "perhaps"], flags: .init())
        }
        #expect(throws: NodeLaunch.Problem(description: "BROGUE_BCRYPT_COST='3' must be a whole number 4...31")) {
            try NodeLaunch.resolve(file: nil, environment: ["BROGUE_BCRYPT_COST": "3"], flags: .init())
        }
        #expect(throws: NodeLaunch.Problem(description: "listen address 'localhost' is not HOST:PORT (for example 127.0.0.1:8080 or 0.0.0.0:80)")) {
            try NodeLaunch.resolve(file: nil, environment: ["BROGUE_LISTEN": "localhost"], flags: .init())
        }
    }

    @Test func trustedProxiesComeFromTheEnvironmentOverTheFile() throws {
        var f = file
        f.trustedProxies = ["10.0.0.0/8"]
        let fromFile = try NodeLaunch.resolve(file: f, environment: [:], flags: .init())
        #expect(fromFile.config.access.trustedProxies.map(\.description) == ["10.0.0.0/8"])
        let fromEnv = try NodeLaunch.resolve(file: f, environment: ["BROGUE_TRUSTED_PROXIES": "127.0.0.1, fd00::/8"], flags: .init())
        #expect(fromEnv.config.access.trustedProxies.map(\.description) == ["127.0.0.1", "fd00::/8"])
        #expect(try NodeLaunch.resolve(file: nil, environment: [:], flags: .init()).config.access.trustedProxies.isEmpty)
        #expect(
            throws: NodeLaunch.Problem(
                description: "BROGUE_TRUSTED_PROXIES: 'nginx' is not an IP address or CIDR block (write e.g. 10.0.0.5,10.0.0.0/8,fd00::/8)"
            )
        ) {
            try NodeLaunch.resolve(file: nil, environment: ["BROGUE_TRUSTED_PROXIES": "10.0.0.1,nginx"], flags: .init())
        }
    }

    @Test func theRoleIsAllUnlessSetAndAClusterRoleNeedsNATSAndPostgres() throws {
        let plain = try NodeLaunch.resolve(file: nil, environment: [:], flags: .init())
        #expect(plain.cluster.role == .all && plain.cluster.natsServers.isEmpty && plain.cluster.postgresURL == nil)
        let env = [
            "BROGUE_ROLE": "game", "NATS_URL": "nats://10.0.0.5:4222, nats://10.0.0.6:4222", "POSTGRES_URL": "postgres://brogue:pw@db:5432/brogue",
            "INSTANCE_ID": "game-1",
        ]
        let game = try NodeLaunch.resolve(file: nil, environment: env, flags: .init())
        #expect(game.cluster.role == .game && game.cluster.natsServers == ["nats://10.0.0.5:4222", "nats://10.0.0.6:4222"])
        #expect(game.cluster.postgresURL?.value == "postgres://brogue:pw@db:5432/brogue")
        // The flag wins over the environment, which wins over the file.
        var f = ConfigFile.NodeSettings()
        f.role = "all"
        #expect(try NodeLaunch.resolve(file: f, environment: env, flags: .init(role: "gateway")).cluster.role == .gateway)
        #expect(try NodeLaunch.resolve(file: f, environment: env, flags: .init()).cluster.role == .game)

        #expect(throws: NodeLaunch.Problem.self) { try NodeLaunch.resolve(file: nil, environment: ["BROGUE_ROLE": "gateway"], flags: .init()) }
        do {
            _ = try NodeLaunch.resolve(file: nil, environment: ["BROGUE_ROLE": "game", "NATS_URL": "nats://n:4222"], flags: .init())
            Issue.record("a game instance without a store was accepted")
        } catch {
            #expect("\(error)".contains("role game needs the shared PostgreSQL store: set POSTGRES_URL"))
        }
    }

    @Test func aClusterInstanceNeedsItsOwnSubjectSafeID() {
        let env = ["BROGUE_ROLE": "game", "NATS_URL": "nats://n:4222", "POSTGRES_URL": "postgres://db/brogue"]
        #expect(
            throws: NodeLaunch.Problem(description: "role game needs INSTANCE_ID (or node.instance_id), unique in the cluster, for example game-1")
        ) {
            try NodeLaunch.resolve(file: nil, environment: env, flags: .init())
        }
        var withDot = env
        withDot["INSTANCE_ID"] = "game.1"
        #expect(
            throws: NodeLaunch.Problem(
                description: "INSTANCE_ID='game.1' must be 1-64 letters, digits, '-' or '_' in a cluster (it names NATS subjects)"
            )
        ) { try NodeLaunch.resolve(file: nil, environment: withDot, flags: .init()) }
    }

    @Test func thePostgresURLComesFromAFileAndIsNeverShown() throws {
        let env = ["BROGUE_ROLE": "gateway", "NATS_URL": "nats://n:4222", "POSTGRES_URL_FILE": "/run/secrets/pg", "INSTANCE_ID": "gw-1"]
        let l = try NodeLaunch.resolve(file: nil, environment: env, flags: .init()) { path in
            #expect(path == "/run/secrets/pg")
            return "postgres://brogue:s3cret@db/brogue\n"
        }
        #expect(l.cluster.postgresURL?.value == "postgres://brogue:s3cret@db/brogue")
        #expect("\(l.cluster)".contains("s3cret") == false && "\(String(reflecting: l.cluster))".contains("s3cret") == false)

        do {
            _ = try NodeLaunch.resolve(file: nil, environment: ["POSTGRES_URL": "mysql://root:s3cret@db"], flags: .init())
            Issue.record("a URL that is not PostgreSQL was accepted")
        } catch {
            #expect("\(error)".contains("POSTGRES_URL is not a PostgreSQL URL") && !"\(error)".contains("s3cret"), "\(error)")
        }
        #expect(throws: NodeLaunch.Problem.self) {
            try NodeLaunch.resolve(file: nil, environment: ["POSTGRES_URL": "postgres://db/x", "POSTGRES_URL_FILE": "/f"], flags: .init())
        }
        #expect(
            throws: NodeLaunch.Problem(
                description: "NATS_URL: 'tls://n:4222' is not a NATS server; write nats://host:port, comma-separated for several"
            )
        ) {
            try NodeLaunch.resolve(file: nil, environment: ["NATS_URL": "tls://n:4222"], flags: .init())
        }
        #expect(try NodeLaunch.resolve(file: nil, environment: [:], flags: .init()).cluster.startupWait == 60)
        #expect(try NodeLaunch.resolve(file: nil, environment: ["BROGUE_STARTUP_WAIT": "2.5"], flags: .init()).cluster.startupWait == 2.5)
        for bad in ["-1", "soon", "inf", "3601"] {
            #expect(
                throws: NodeLaunch.Problem(description: "BROGUE_STARTUP_WAIT='\(bad)' must be a number of seconds from 0 to 3600 (0: try once)")
            ) { try NodeLaunch.resolve(file: nil, environment: ["BROGUE_STARTUP_WAIT": bad], flags: .init()) }
        }
        #expect(throws: NodeLaunch.Problem(description: "LOG_LEVEL='loud' must be one of trace, debug, info, notice, warning, error, critical")) {
            try NodeLaunch.resolve(file: nil, environment: ["LOG_LEVEL": "loud"], flags: .init())
        }
    }
}
