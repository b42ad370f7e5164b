import BrogueFuzzTargets
import Foundation
import Testing

/// Every input in `Fuzz/Corpus/<target>/` (the seeds, and each crash or hang a fuzzer found,
/// kept as a regression case) goes through its decoder without a crash; this is the short fuzz
/// run CI makes on the seed corpus. `scripts/fuzz.sh` runs the same functions under libFuzzer.
@Suite struct FuzzCorpusTests {
    static let corpus: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Fuzz/Corpus"
    }()

    static func inputs(_ target: FuzzTarget) throws -> [(name: String, data: Data)] {
        let folder = corpus + "/" + target.rawValue
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
        }
    }

    /// Each target's seeds hold inputs its decoder accepts: a harness that never reached the
    /// decoder's happy path (a wrong file name, a missing field) would accept none.
    @Test(arguments: FuzzTarget.allCases)
    func theSeedCorpusRunsAndSomeOfItIsAccepted(_ target: FuzzTarget) throws {
        let inputs = try Self.inputs(target)
        #expect(inputs.count >= 3, "Fuzz/Corpus/\(target.rawValue) holds \(inputs.count) inputs")
        let accepted = inputs.filter { target.run($0.data) }.map(\.name)
        #expect(!accepted.isEmpty, "no input of Fuzz/Corpus/\(target.rawValue) was accepted")
    }

    /// Inputs cut short at every eighth byte, and with one byte flipped: refused or accepted,
    /// never a crash.
    @Test(arguments: FuzzTarget.allCases)
    func truncatedAndFlippedSeedsAreAnsweredNotCrashed(_ target: FuzzTarget) throws {
        for (_, data) in try Self.inputs(target).prefix(4) {
            for end in stride(from: 0, to: data.count, by: max(1, data.count / 8)) {
                target.run(data.prefix(end))
                var flipped = data
                if end < flipped.count { flipped[flipped.startIndex + end] ^= 0x5A }
                target.run(flipped)
            }
        }
    }
}
