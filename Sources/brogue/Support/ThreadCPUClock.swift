import Foundation

/// The CPU time the calling thread has used, in seconds. Unlike a wall clock it does not count
/// the time the thread waited for a core, so a figure taken on a busy machine still says what
/// the work itself costs (a turn's p99 on 2 shared cores is otherwise mostly the scheduler's).
enum ThreadCPUClock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
