import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// This process's CPU time, memory and open files, read from `/proc` at each scrape and
/// written as the standard `process_*` metrics of the Prometheus conventions (the names the Go
/// and Java clients export), so a dashboard or `brogue loadtest` reads them as from any server.
struct ProcessStats: Equatable {
    var cpuSeconds: Double
    var residentBytes: Int
    var virtualBytes: Int
    var openFileDescriptors: Int
    var maxFileDescriptors: Int
    /// Since the Unix epoch.
    var startTimeSeconds: Double

    /// The figures now; nil where `/proc` cannot be read (not Linux).
    static func current() -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let bootTime = bootTime()
        else { return nil }
        return parse(stat: stat, bootTime: bootTime, ticksPerSecond: Double(sysconf(Int32(_SC_CLK_TCK))), pageSize: Int(sysconf(Int32(_SC_PAGESIZE))))
            .map { stats in
                var s = stats
                s.openFileDescriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
                s.maxFileDescriptors = fileLimit()
                return s
            }
    }

    /// Reads `/proc/self/stat` (proc(5)): the fields after the command name, which is in
    /// parentheses and may hold spaces.
    static func parse(stat: String, bootTime: Double, ticksPerSecond: Double, pageSize: Int) -> ProcessStats? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        // Field 3 (state) is the first after the name; utime is field 14, so index 11 here.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 21, let utime = Double(fields[11]), let stime = Double(fields[12]), let start = Double(fields[19]),
            let vsize = Int(fields[20]), let rss = Int(fields[21]), ticksPerSecond > 0
        else { return nil }
        return ProcessStats(
            cpuSeconds: (utime + stime) / ticksPerSecond,
            residentBytes: rss * pageSize,
            virtualBytes: vsize,
            openFileDescriptors: 0,
            maxFileDescriptors: 0,
            startTimeSeconds: bootTime + start / ticksPerSecond
        )
    }

    /// The Prometheus text of these figures; `labels` as `instance="eu-1"` or empty.
    func exposition(labels: String) -> String {
        let braces = labels.isEmpty ? "" : "{\(labels)}"
        func metric(_ name: String, _ type: String, _ help: String, _ value: String) -> String {
            "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name)\(braces) \(value)\n"
        }
        return metric("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", "\(cpuSeconds)")
            + metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", "\(residentBytes)")
            + metric("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", "\(virtualBytes)")
            + metric("process_open_fds", "gauge", "Number of open file descriptors.", "\(openFileDescriptors)")
            + metric("process_max_fds", "gauge", "Maximum number of open file descriptors.", "\(maxFileDescriptors)")
            + metric("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", "\(startTimeSeconds)")
    }

    /// `btime` of `/proc/stat`: when the machine booted, in seconds since the epoch.
    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private static func fileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        return Int(clamping: limit.rlim_cur)
    }
}
