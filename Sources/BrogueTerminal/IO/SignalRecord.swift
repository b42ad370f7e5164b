import Glibc

/// What the signal handlers need to put the terminal back, kept where a handler can read it
/// without locks, allocation, generics or reference counting: plain fields and raw buffers in
/// one allocation that is never freed.
struct SignalRecord {
    /// The longest enter or leave sequence.
    static let byteCapacity = 64

    /// The terminal is entered: handlers must leave it before the process stops or ends.
    var active = false
    /// A SIGTSTP handler is between leaving the terminal and entering it again, so a SIGCONT
    /// arriving meanwhile leaves the re-entering to it.
    var suspending = false
    /// Counts re-entries by the handlers, so `restore()` can tell one slipped in while it ran.
    var reentries = 0
    var termiosFD: Int32 = -1
    var outputFD: Int32 = -1
    /// The write end of the self-pipe that wakes `readKey`'s poll.
    var wakeFD: Int32 = -1
    var original = termios()
    var raw = termios()
    let enterBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
    var enterCount = 0
    let leaveBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
    var leaveCount = 0

    /// Copies the sequences into the buffers; done before the handlers are installed.
    mutating func setSequences(enter: [UInt8], leave: [UInt8]) {
        precondition(enter.count <= Self.byteCapacity && leave.count <= Self.byteCapacity, "control sequences too long")
        enterBytes.update(from: enter, count: enter.count)
        enterCount = enter.count
        leaveBytes.update(from: leave, count: leave.count)
        leaveCount = leave.count
    }
}
