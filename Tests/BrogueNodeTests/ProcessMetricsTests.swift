import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// The standard `process_*` metrics on `/metrics`, read from `/proc`.
@Suite struct ProcessMetricsTests {
    /// The value of `name` in a Prometheus text, or nil when it is missing.
    static func value(_ name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            let key = parts[0].split(separator: "{").first.map(String.init)
            if key == name { return Double(parts[1]) }
        }
        return nil
    }

    @Test func theNodeExportsItsCPUMemoryAndFilesInThePrometheusConventions() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let text = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            for (name, type) in [
                ("process_cpu_seconds_total", "counter"), ("process_resident_memory_bytes", "gauge"), ("process_open_fds", "gauge"),
                ("process_max_fds", "gauge"), ("process_start_time_seconds", "gauge"), ("process_virtual_memory_bytes", "gauge"),
            ] {
                #expect(text.contains("# TYPE \(name) \(type)\n"), "\(name) has no TYPE \(type) line")
            }
            let cpu = try #require(Self.value("process_cpu_seconds_total", in: text))
            let rss = try #require(Self.value("process_resident_memory_bytes", in: text))
            let fds = try #require(Self.value("process_open_fds", in: text))
            let maxFDs = try #require(Self.value("process_max_fds", in: text))
            let start = try #require(Self.value("process_start_time_seconds", in: text))
            #expect(cpu > 0)
            // A Swift test process holds at least a few MB resident, and far less than a TB.
            #expect(rss > 1_000_000 && rss < 1e12, "\(rss)")
            // At least standard input, output, error and the listening socket.
            #expect(fds >= 4 && fds <= maxFDs, "\(fds) of \(maxFDs)")
            #expect(start > 0 && start <= Date().timeIntervalSince1970 + 1, "\(start)")
        }
    }

    /// Whether a sanitizer's allocator took malloc's place (scripts/sanitize-node-tests.sh):
    /// glibc's figures then say nothing, and the node leaves them out.
    static let sanitized =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
        || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

    @Test(.disabled(if: sanitized, "a sanitizer's allocator replaces glibc's"))
    func theNodeExportsWhatItsAllocatorHoldsInUseAndFree() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let text = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            for name in ["brogue_heap_allocated_bytes", "brogue_heap_free_bytes", "brogue_heap_arena_bytes"] {
                #expect(text.contains("# TYPE \(name) gauge\n"), "\(name) has no TYPE gauge line")
                let value = try #require(Self.value(name, in: text), "\(name) is missing")
                #expect(value >= 0 && value < 1e12, "\(name) \(value)")
            }
            // A test process with a node in it has more than a MB in use.
            #expect(try #require(Self.value("brogue_heap_allocated_bytes", in: text)) > 1_000_000)
        }
    }

    /// 64 MB held shows in the allocated figure and leaves it when freed.
    @Test(.disabled(if: sanitized, "a sanitizer's allocator replaces glibc's"))
    func theAllocatedFigureFollowsWhatIsHeld() throws {
        let before = try #require(HeapStats.current()).allocatedBytes
        let size = 64 << 20
        let held = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        held.initializeMemory(as: UInt8.self, repeating: 1, count: size)
        let during = try #require(HeapStats.current()).allocatedBytes
        held.deallocate()
        let after = try #require(HeapStats.current()).allocatedBytes
        // Other threads of the test process allocate and free meanwhile, far less than 16 MB.
        #expect(during - before > size - (16 << 20), "before \(before), while held \(during)")
        #expect(during - after > size - (16 << 20), "while held \(during), after \(after)")
    }

    @Test func theCPUCounterMovesWhileTheProcessWorks() throws {
        let before = try #require(ProcessStats.current()).cpuSeconds
        var now = before
        var sink: UInt64 = 0
        // Work until the kernel has charged this process another clock tick (10 ms); bounded
        // only against a broken counter.
        for round in 0..<100_000 where now == before {
            for i in 0..<100_000 { sink = sink &* 6_364_136_223_846_793_005 &+ UInt64(i ^ round) }
            now = try #require(ProcessStats.current()).cpuSeconds
        }
        #expect(now > before, "no CPU time charged (\(sink))")
    }

    @Test func statLinesWithSpacesAndParenthesesInTheNameAreRead() throws {
        // proc(5): pid (comm) state ppid ... utime stime ... starttime vsize rss ...
        let stat = "4242 (brogue (node) 1) S 1 4242 4242 0 -1 4194560 5000 0 0 0 250 50 0 0 20 0 12 0 1000 104857600 2560 18446744073709551615 0 0 0"
        let stats = try #require(ProcessStats.parse(stat: stat, bootTime: 1_700_000_000, ticksPerSecond: 100, pageSize: 4096))
        #expect(stats.cpuSeconds == 3)
        #expect(stats.residentBytes == 2560 * 4096)
        #expect(stats.virtualBytes == 104_857_600)
        #expect(stats.startTimeSeconds == 1_700_000_010)
        let text = stats.exposition(labels: "instance=\"eu-1\"")
        #expect(text.contains("process_cpu_seconds_total{instance=\"eu-1\"} 3.0\n"))
        #expect(ProcessStats.parse(stat: "4242 (no closing", bootTime: 0, ticksPerSecond: 100, pageSize: 4096) == nil)
    }
}
