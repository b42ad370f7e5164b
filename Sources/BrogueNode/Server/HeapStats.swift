#if canImport(Glibc)
import CMalloc
#endif

/// What the C library's allocator holds, from glibc's `mallinfo2()` at each scrape: memory in
/// use by the program, and memory freed but kept by the allocator for reuse.
///
/// Resident memory alone cannot tell a leak from an allocator that keeps what was freed: when
/// resident memory rises, `allocated` rising is something kept (a leak or a growing table);
/// `free` rising is fragmentation or freed memory not given back; neither rising points outside
/// the heap (thread stacks, mapped files). `scripts/soak.sh` samples all three; `brogue bench` reads them for a game's memory by age.
public struct HeapStats: Equatable, Sendable {
    /// Bytes in use: in the arenas and in chunks mapped on their own (large allocations).
    public var allocatedBytes: Int
    /// Bytes freed and kept in the arenas for reuse, part of resident memory until trimmed.
    public var freeBytes: Int
    /// Bytes the arenas took from the system (in use and free together), not counting mapped chunks.
    public var arenaBytes: Int

    /// The figures now; nil where the C library is not glibc, or where another allocator took
    /// malloc's place (a sanitizer's, or one preloaded), which leaves glibc's arenas empty.
    public static func current() -> HeapStats? {
        #if canImport(Glibc)
        let info = mallinfo2()
        guard info.arena > 0 || info.hblkhd > 0 else { return nil }
        return HeapStats(
            allocatedBytes: Int(clamping: info.uordblks) + Int(clamping: info.hblkhd),
            freeBytes: Int(clamping: info.fordblks),
            arenaBytes: Int(clamping: info.arena)
        )
        #else
        return nil
        #endif
    }

    /// The Prometheus text of these figures; `labels` as `instance="eu-1"` or empty.
    func exposition(labels: String) -> String {
        let braces = labels.isEmpty ? "" : "{\(labels)}"
        func gauge(_ name: String, _ help: String, _ value: Int) -> String {
            "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name)\(braces) \(value)\n"
        }
        return gauge("brogue_heap_allocated_bytes", "Bytes the node's allocator has handed out and not had back (glibc mallinfo2).", allocatedBytes)
            + gauge("brogue_heap_free_bytes", "Bytes freed and kept by the allocator for reuse, resident until trimmed.", freeBytes)
            + gauge("brogue_heap_arena_bytes", "Bytes the allocator's arenas took from the system, in use and free.", arenaBytes)
    }
}
