import Foundation
import Testing

/// `brogue node` on a free loopback port, logging (JSON) to a file the test reads.
final class NodeProcess {
    let process = Process()
    let port: Int
    let log: URL

    init(data: URL, log: URL, environment: [String: String]) throws {
        self.log = log
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = BrogueProcess.binary
        process.arguments = ["node", "--listen", "127.0.0.1:0", "--data", data.path]
        process.currentDirectoryURL = BrogueProcess.repoRoot
        var env = ProcessInfo.processInfo.environment
        env["BROGUE_CONFIG"] = nil
        env["LOG_FORMAT"] = "json"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        port = try listeningPort(of: process, printing: out)
    }

    /// The client address of every connection the node opened, from its log.
    func openedFrom() throws -> [String] {
        let text = try String(contentsOf: log, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.contains("\"connection opened\""), let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            let metadata = object["metadata"] as? [String: Any]
            return (metadata?["address"] ?? object["address"]) as? String
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
