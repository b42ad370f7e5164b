import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Testing

/// A headless Chromium for one test, in its own process group so every process it starts is
/// killed with it.
final class Chromium: @unchecked Sendable {
    static let path = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether Chromium is here; in CI its absence is a failure, elsewhere a printed skip.
    static func available() -> Bool {
        if path != nil { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("chromium is not installed; .ci/run must install it")
        } else {
            print("skipping: chromium is not installed (apt-get install chromium)")
        }
        return false
    }

    let pid: pid_t
    let profile: String
    /// `ws://127.0.0.1:PORT/devtools/browser/ID`.
    let browserURL: String
    private var killed = false

    /// Starts Chromium on about:blank and waits (up to 30 s) for its DevTools port.
    init() throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-chromium-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        let log = profile + ".log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        let args = [
            Chromium.path!, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
            "--user-data-dir=\(profile)",
            "--window-size=1100,800", "about:blank",
        ]
        let argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, Chromium.path!, &actions, &attr, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        pid = child
        // Chromium writes the port it bound to this file once it listens; nothing else tells.
        let portFile = profile + "/DevToolsActivePort"
        // A bound only a hung start reaches: a loaded machine can take many seconds.
        let deadline = Date().addingTimeInterval(60)
        var found: String?
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= 2, let port = Int(lines[0]) {
                    found = "ws://127.0.0.1:\(port)\(lines[1])"
                    break
                }
            }
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child {
                killed = true
                let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw ChromiumError("chromium exited at start (status \(status)): \(output.suffix(2000))")
            }
            usleep(50_000)
        }
        guard let found else {
            killed = true
            kill(-child, SIGKILL)
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            throw ChromiumError("chromium did not write DevToolsActivePort within 60 s")
        }
        browserURL = found
    }

    /// Kills Chromium and everything it started, and removes its profile.
    func stop() {
        guard !killed else { return }
        killed = true
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(atPath: profile)
        try? FileManager.default.removeItem(atPath: profile + ".log")
    }

    deinit { stop() }
}

struct ChromiumError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The DevTools protocol over one WebSocket, flattened sessions: `call` sends a command and
/// waits for its answer; events are kept for `waitEvent`.
final class DevTools: @unchecked Sendable {
    // Only used inside one WebSocket handler task.
    private var iterator: WebSocketInboundMessageStream.AsyncIterator
    private let outbound: WebSocketOutboundWriter
    private var nextID = 1
    private var events: [[String: Any]] = []
    var session: String?

    init(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) {
        iterator = inbound.messages(maxSize: 1 << 26).makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to `url` and runs `body` with the protocol.
    static func connect(_ url: String, _ body: @escaping @Sendable (DevTools) async throws -> Void) async throws {
        var config = WebSocketClientConfiguration()
        config.maxFrameSize = 1 << 26
        try await WebSocketClient.connect(url: url, configuration: config, logger: Logger(label: "devtools")) { inbound, outbound, _ in
            try await body(DevTools(inbound: inbound, outbound: outbound))
        }
    }

    /// Sends a command (to the attached page, when `session` is set) and returns its `result`.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], browser: Bool = false) async throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if !browser, let session { message["sessionId"] = session }
        let data = try JSONSerialization.data(withJSONObject: message)
        try await outbound.writeTextMessage(String(decoding: data, as: UTF8.self))
        while true {
            let m = try await receive()
            if m["id"] as? Int == id {
                if let error = m["error"] as? [String: Any] { throw ChromiumError("\(method): \(error["message"] ?? error)") }
                return m["result"] as? [String: Any] ?? [:]
            }
            if m["method"] != nil { events.append(m) }
        }
    }

    /// Waits for an event (kept from before, or arriving now).
    func waitEvent(_ method: String) async throws -> [String: Any] {
        if let i = events.firstIndex(where: { $0["method"] as? String == method }) { return events.remove(at: i) }
        while true {
            let m = try await receive()
            if m["method"] as? String == method { return m }
            if m["method"] != nil { events.append(m) }
        }
    }

    private func receive() async throws -> [String: Any] {
        guard let message = try await iterator.next() else { throw ChromiumError("the DevTools connection closed") }
        let data: Data
        switch message {
        case .text(let text): data = Data(text.utf8)
        case .binary(let buffer): data = Data(buffer.readableBytesView)
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChromiumError("DevTools sent something that is not an object")
        }
        return object
    }

    /// Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as JSON text.
    func evaluate(_ expression: String) async throws -> String {
        let result = try await call("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            let text = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "\(exception)"
            throw ChromiumError("javascript failed: \(text)")
        }
        let value = (result["result"] as? [String: Any])?["value"]
        if let s = value as? String { return s }
        return value.map { "\($0)" } ?? ""
    }

    /// Waits in the page until `condition` (JavaScript) holds, up to `seconds`; returns
    /// `window.brogueState` as JSON then. The page checks after every task, so this is an event
    /// wait with a deadline, not a sleep.
    func waitFor(_ condition: String, seconds: Int = 60) async throws -> [String: Any] {
        let text = try await evaluate(
            """
            new Promise((resolve, reject) => {
              const start = Date.now();
              const check = () => {
                let ok = false;
                try { ok = !!(\(condition)); } catch (e) {}
                if (ok) return resolve(JSON.stringify(window.brogueState));
                if (Date.now() - start > \(seconds * 1000)) return reject(new Error("timed out waiting for: \(condition.replacingOccurrences(of: "\"", with: "'")); state " + JSON.stringify(window.brogueState)));
                setTimeout(check, 20);
              };
              check();
            })
            """
        )
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// Attaches to the browser's page, opens `url` and waits until the client has connected and
    /// been told who it is.
    func openClient(_ url: String) async throws {
        let targets = try await call("Target.getTargets", browser: true)
        let infos = targets["targetInfos"] as? [[String: Any]] ?? []
        let page = try #require(infos.first { $0["type"] as? String == "page" }?["targetId"] as? String, "no page target")
        let attached = try await call("Target.attachToTarget", ["targetId": page, "flatten": true], browser: true)
        session = try #require(attached["sessionId"] as? String)
        try await call("Page.enable")
        try await call("Page.navigate", ["url": url])
        _ = try await waitEvent("Page.loadEventFired")
        _ = try await waitFor("window.brogueState && brogueState.connection === 'open' && brogueState.identity")
    }

    /// Presses one key (down and up) in the page.
    func press(_ key: String) async throws {
        let named: [String: (code: String, vk: Int)] = [
            "ArrowUp": ("ArrowUp", 38), "ArrowDown": ("ArrowDown", 40), "ArrowLeft": ("ArrowLeft", 37), "ArrowRight": ("ArrowRight", 39),
            "Escape": ("Escape", 27), "Enter": ("Enter", 13), "Tab": ("Tab", 9),
        ]
        var down: [String: Any] = ["type": "keyDown", "key": key]
        if let n = named[key] {
            down["code"] = n.code
            down["windowsVirtualKeyCode"] = n.vk
            down["nativeVirtualKeyCode"] = n.vk
        } else {
            down["type"] = "keyDown"
            down["text"] = key
            if let c = key.uppercased().unicodeScalars.first, key.count == 1 {
                down["windowsVirtualKeyCode"] = Int(c.value)
                if key.first!.isLetter { down["code"] = "Key\(key.uppercased())" } else if key.first!.isNumber { down["code"] = "Digit\(key)" }
            }
        }
        try await call("Input.dispatchKeyEvent", down)
        var up = down
        up["type"] = "keyUp"
        up["text"] = nil
        try await call("Input.dispatchKeyEvent", up)
    }
}

/// Where tests keep files for people to look at: `$BROGUE_TEST_ARTIFACTS`, else `.build/test-artifacts`.
func testArtifactsFolder() throws -> String {
    let folder =
        ProcessInfo.processInfo.environment["BROGUE_TEST_ARTIFACTS"]
        ?? {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return root.appendingPathComponent(".build/test-artifacts").path
        }()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}
