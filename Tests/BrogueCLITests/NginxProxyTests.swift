import BrogueTestServers
import Foundation
import Testing

/// docker/nginx/nginx.conf, run by a real nginx with a self-signed certificate in front of two
/// nodes: bots play over wss:// through it, and the nodes count each player by the address
/// nginx saw, never by one a client wrote into X-Forwarded-For itself.
///
/// On loopback the player and the proxy would share 127.0.0.1, so nginx connects to the nodes
/// from 127.0.0.2 (`proxy_bind`), the one address the nodes trust.
@Suite(.serialized) struct NginxProxyTests {
    @Test(.timeLimit(.minutes(10))) func botsPlayOverTLSThroughNginxAndTheNodesSeeThePlayersAddress() throws {
        guard let nginx = HostTool.required("nginx"), let openssl = HostTool.required("openssl") else { return }
        let folder = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trust = ["BROGUE_TRUSTED_PROXIES": "127.0.0.2", "LOG_LEVEL": "debug", "BROGUE_MAX_CONNECTIONS_PER_ADDRESS": "0"]
        let a = try NodeProcess(data: folder.appendingPathComponent("a"), log: folder.appendingPathComponent("a.log"), environment: trust)
        defer { a.stop() }
        let b = try NodeProcess(data: folder.appendingPathComponent("b"), log: folder.appendingPathComponent("b.log"), environment: trust)
        defer { b.stop() }

        let prefix = folder.appendingPathComponent("nginx")
        let port = try Self.prepareNginx(prefix, openssl: openssl, upstreams: [a.port, b.port])
        let checked = try HostTool.run(nginx, ["-t", "-q", "-p", prefix.path + "/", "-c", prefix.appendingPathComponent("nginx.conf").path])
        #expect(checked.status == 0, "nginx -t: \(checked.output)")
        let server = try Self.startNginx(nginx, prefix: prefix)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try Self.waitForPort(port)

        let certificate = prefix.appendingPathComponent("tls/tls.crt").path
        let played = try BrogueProcess.run(
            ["loadtest", "wss://localhost:\(port)", "--bots", "4", "--duration", "2", "--rate", "5", "--progress", "60"],
            environment: ["SSL_CERT_FILE": certificate]
        )
        #expect(played.status == 0, "\(played.stdout)\(played.stderr)")
        #expect(played.stdout.contains("errors: 0") && played.stdout.contains("drops: 0"), "\(played.stdout)")
        // Both nodes had players, and each saw them as 127.0.0.1 (nginx's peer), not as 127.0.0.2.
        let seen = try [a, b].map { try $0.openedFrom() }
        #expect(seen.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 == "127.0.0.1" } }, "\(seen)")

        // A client that writes its own X-Forwarded-For is still the address nginx saw.
        let python = try #require(HostTool.find("python3"), "python3 sends the forged upgrade")
        let forged = try HostTool.run(python, ["-c", Self.forgedUpgrade, "\(port)", certificate, "203.0.113.77"])
        #expect(forged.status == 0 && forged.output.hasPrefix("HTTP/1.1 101"), "\(forged.output)")
        // The node logs the connection just after it switched protocols: wait for the line.
        let before = seen.joined().count
        var all: [String] = []
        let deadline = Date().addingTimeInterval(60)
        repeat {
            all = try [a, b].flatMap { try $0.openedFrom() }
            if all.count > before { break }
            usleep(20_000)
        } while Date() < deadline
        #expect(all.count == before + 1 && all.allSatisfy { $0 == "127.0.0.1" }, "\(all)")
    }

    /// A WebSocket upgrade over TLS with a forged X-Forwarded-For; prints the status line once
    /// the node has switched protocols (so it has counted the connection), then closes.
    static let forgedUpgrade = """
        import socket, ssl, sys
        port, ca, forged = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        context = ssl.create_default_context(cafile=ca)
        with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(("GET /ws HTTP/1.1\\r\\nHost: localhost\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n"
                    "X-Forwarded-For: " + forged + "\\r\\n\\r\\n").encode())
                answer = b""
                while b"\\r\\n" not in answer:
                    chunk = tls.recv(4096)
                    if not chunk: break
                    answer += chunk
                print(answer.split(b"\\r\\n")[0].decode())
        """

    // MARK: - nginx

    /// The checked-in nginx.conf with this test's ports, the upstreams file naming the two nodes,
    /// and a fresh self-signed certificate. Returns the TLS port.
    static func prepareNginx(_ prefix: URL, openssl: String, upstreams: [Int]) throws -> Int {
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.appendingPathComponent("tls"), withIntermediateDirectories: true)
        let source = BrogueProcess.repoRoot.appendingPathComponent("docker/nginx")
        let tlsPort = try BrogueTestServers.LoopbackPort.free()
        let httpPort = try BrogueTestServers.LoopbackPort.free()
        var conf = try String(contentsOf: source.appendingPathComponent("nginx.conf"), encoding: .utf8)
        conf = conf.replacingOccurrences(of: "listen 8443 ssl;", with: "listen 127.0.0.1:\(tlsPort) ssl;")
        conf = conf.replacingOccurrences(of: "listen 8080;", with: "listen 127.0.0.1:\(httpPort);")
        try #require(conf.contains("\(tlsPort) ssl") && conf.contains("\(httpPort);"), "nginx.conf no longer has the listen lines this test rewrites")
        try conf.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let servers = upstreams.map { "    server 127.0.0.1:\($0);" }.joined(separator: "\n")
        try "upstream brogue_gateways {\n\(servers)\n}\nproxy_bind 127.0.0.2;\n"
            .write(to: prefix.appendingPathComponent("brogue-upstreams.conf"), atomically: true, encoding: .utf8)
        let made = try HostTool.run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", prefix.appendingPathComponent("tls/tls.key").path, "-out", prefix.appendingPathComponent("tls/tls.crt").path,
            ]
        )
        try #require(made.status == 0, "openssl: \(made.output)")
        return tlsPort
    }

    static func startNginx(_ nginx: String, prefix: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: nginx)
        p.arguments = ["-p", prefix.path + "/", "-c", prefix.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits (bounded) until something accepts connections on `port`.
    static func waitForPort(_ port: Int) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if canConnect(port) { return }
            usleep(20_000)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "nothing listened on \(port) within 60 s"])
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
