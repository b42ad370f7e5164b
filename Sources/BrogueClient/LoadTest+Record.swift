import Foundation
import NIOConcurrencyHelpers

extension LoadTest {
    /// One acknowledged action as a bot saw it: what `--record` writes, one JSON object a line,
    /// so a test can compare the bots' view with the store afterwards.
    public struct AckRecord: Codable, Equatable, Sendable {
        public var bot: Int
        public var game: Int64
        /// The game's action count after it: the action is the `seq`-th stored (1-based).
        public var seq: Int
        public var action: String
        /// `Game.stateHash` after it, 16 hex digits.
        public var stateHash: String
        /// When the bot got the acknowledgement, in unix milliseconds: lets a run tell which
        /// actions came after an event it caused (a process killed) and how long the gap was.
        /// Absent in files written before it was kept.
        public var at: Int64?

        public init(bot: Int, game: Int64, seq: Int, action: String, stateHash: String, at: Int64? = nil) {
            self.bot = bot
            self.game = game
            self.seq = seq
            self.action = action
            self.stateHash = stateHash
            self.at = at
        }

        /// The wall clock now, in unix milliseconds, as `at` holds it.
        public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

        /// Reads a file `--record` wrote.
        /// - Throws: when the file cannot be read, naming the line that does not decode.
        public static func read(path: String) throws -> [AckRecord] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try text.split(separator: "\n").enumerated().map { index, line in
                do { return try JSONDecoder().decode(AckRecord.self, from: Data(line.utf8)) } catch {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(path):\(index + 1): not an ack record: \(error)"])
                }
            }
        }
    }

    /// Appends records to the `--record` file as bots are acknowledged.
    final class AckRecorder: Sendable {
        private let file: NIOLockedValueBox<FileHandle?>

        init(path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                let why = "--record \(path): cannot create the file; check the folder exists and is writable"
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: why])
            }
            file = NIOLockedValueBox(try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
        }

        func write(_ record: AckRecord) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let data = try? encoder.encode(record) else { return }
            file.withLockedValue { $0?.write(data + Data("\n".utf8)) }
        }

        func close() {
            file.withLockedValue {
                try? $0?.close()
                $0 = nil
            }
        }
    }
}
