import Foundation
import Testing

@Suite struct SimCommandTests {
    static func hash(in output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("stateHash: ") }.map { String($0.dropFirst("stateHash: ".count)) }
    }

    /// Two separate processes per seed print the same stateHash; different seeds differ.
    @Test func stateHashIsStableAcrossProcessesAndSeeds() async throws {
        let seeds = Array(1...20)
        let results = try await withThrowingTaskGroup(of: (Int, String, String).self) { group in
            for seed in seeds {
                group.addTask {
                    let args = ["sim", "--seed", "\(seed)", "--turns", "3000", "--bot", "explore"]
                    let a = try BrogueProcess.run(args)
                    let b = try BrogueProcess.run(args)
                    #expect(a.status == 0, "seed \(seed): \(a.stderr)")
                    #expect(b.status == 0, "seed \(seed): \(b.stderr)")
                    return (seed, Self.hash(in: a.stdout) ?? "missing", Self.hash(in: b.stdout) ?? "missing")
                }
            }
            var out: [(Int, String, String)] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == seeds.count)
        for (seed, a, b) in results {
            #expect(a.count == 16 && a.allSatisfy { $0.isHexDigit }, "seed \(seed): stateHash '\(a)' is not 16 hex digits")
            #expect(a == b, "seed \(seed): two processes gave \(a) and \(b)")
        }
        let distinct = Set(results.map { $0.1 })
        #expect(distinct.count == seeds.count, "different seeds should give different hashes")
    }

    @Test func summaryNamesDepthTurnsAndEnd() throws {
        let out = try BrogueProcess.run(["sim", "--seed", "3", "--turns", "200"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("depth: "))
        #expect(out.stdout.contains("turns: "))
        #expect(out.stdout.contains("end: "))
    }

    @Test func badArgumentsAreRefusedWithAReason() throws {
        let out = try BrogueProcess.run(["sim", "--turns", "0"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("--turns must be at least 1"))
    }
}
