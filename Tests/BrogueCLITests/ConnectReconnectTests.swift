import Foundation
import Testing

/// `brogue connect` in a real (tmux) terminal with two `brogue node` processes over one data
/// folder: the node it plays on is stopped (SIGTERM), and the game goes on on the other.
@Suite struct ConnectReconnectTests {
    /// Starts `brogue node` on a free port over `data`; returns the process and its port.
    static func startNode(data: URL, instance: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = BrogueProcess.binary
        process.arguments = ["node", "--listen", "127.0.0.1:0", "--data", data.path]
        process.currentDirectoryURL = BrogueProcess.repoRoot
        var env = ProcessInfo.processInfo.environment
        env["LOG_LEVEL"] = "error"
        env["INSTANCE_ID"] = instance
        env["BROGUE_CONFIG"] = nil
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, try listeningPort(of: process, printing: out))
    }

    @Test(.timeLimit(.minutes(10))) func aStoppedNodeIsLeftForTheNextAndTheGameGoesOn() throws {
        guard Tmux.available() else { return }
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let (a, portA) = try Self.startNode(data: data.appendingPathComponent("node"), instance: "node-a")
        defer { if a.isRunning { a.terminate() } }
        let (b, portB) = try Self.startNode(data: data.appendingPathComponent("node"), instance: "node-b")
        defer { if b.isRunning { b.terminate() } }

        let tmux = Tmux()
        let servers = "ws://127.0.0.1:\(portA),ws://127.0.0.1:\(portB)"
        // The shell line stays after the client exits, so its last lines can be read.
        try tmux.start("\(BrogueProcess.binary.path) connect \(servers) --seed 3; echo EXIT $?; sleep 600")
        try tmux.waitFor("the game screen") { $0.contains { $0.contains("Depth 1") } }
        try tmux.keys("z")
        try tmux.waitFor("a turn rested") { $0.contains { $0.contains("Turn 1") } }

        kill(a.processIdentifier, SIGTERM)
        a.waitUntilExit()
        // The client reconnected to the second node by itself: keys play on.
        try tmux.keys("z")
        try tmux.waitFor("a turn rested on the second node") { $0.contains { $0.contains("Turn 2") } }
        try tmux.keys("S")
        let end = try tmux.waitFor("the client to leave") { $0.contains { $0.contains("EXIT ") } }
        #expect(end.contains { $0.contains("EXIT 0") }, "\(end.joined(separator: "\n"))")
        #expect(end.contains { $0.contains(": 2 actions, turn 2") }, "\(end.joined(separator: "\n"))")
        #expect(end.joined().contains("resume with: brogue connect \(servers) --resume"), "\(end.joined(separator: "\n"))")

        kill(b.processIdentifier, SIGTERM)
        b.waitUntilExit()
        // Both actions are in the shared store, once each, and replay to the stored hash.
        let verified = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.appendingPathComponent("node").path])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
    }
}

/// The port a just-started `brogue node` says it listens on (its first line of standard output);
/// the process is stopped when it says something else.
func listeningPort(of process: Process, printing out: Pipe) throws -> Int {
    var printed = ""
    while !printed.contains("\n") {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        printed += String(decoding: chunk, as: UTF8.self)
    }
    guard let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
        let port = Int(line.split(separator: ":").last ?? "")
    else {
        process.terminate()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the node printed '\(printed)'"])
    }
    return port
}
