import Glibc

/// The process-wide part of ``Terminal``: signal handlers that restore the terminal and a
/// self-pipe through which they wake `readKey`.
///
/// Everything a handler runs is async-signal-safe: `write`, `poll`, `tcsetattr`, `sigaction`,
/// `pthread_sigmask`, `raise`, and plain memory reads and writes through ``record``. The
/// Swift in between is kept to while loops and raw pointers, with no generics, arrays or
/// classes, so it neither allocates nor takes a lock.
enum SignalRelay {
    /// Written to the self-pipe when the window changed size.
    static let resizedByte = UInt8(ascii: "W")
    /// Written to the self-pipe when the process was continued and the terminal re-entered.
    static let continuedByte = UInt8(ascii: "C")

    /// Signals that end the process by default: restore, then die of the same signal by its default action.
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Signals of a crash (Swift's `fatalError` and failed preconditions trap with SIGILL or
    /// SIGTRAP): restore, then hand the signal to whoever had it before, such as Swift's backtracer.
    static let fatal: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]
    static var all: [Int32] { terminating + fatal + [SIGTSTP, SIGCONT, SIGWINCH] }

    nonisolated(unsafe) static let record: UnsafeMutablePointer<SignalRecord> = {
        let pointer = UnsafeMutablePointer<SignalRecord>.allocate(capacity: 1)
        pointer.initialize(to: SignalRecord())
        return pointer
    }()

    /// The dispositions found when the handlers were installed, by signal number, to put back.
    nonisolated(unsafe) static let previous: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))
        pointer.initialize(repeating: sigaction(), count: Int(NSIG))
        return pointer
    }()

    /// Which signals have our handler installed, by signal number.
    nonisolated(unsafe) static let installed: UnsafeMutablePointer<Bool> = {
        let pointer = UnsafeMutablePointer<Bool>.allocate(capacity: Int(NSIG))
        pointer.initialize(repeating: false, count: Int(NSIG))
        return pointer
    }()

    nonisolated(unsafe) private static var exitHookRegistered = false

    /// Fills the record and installs the handlers. Call before changing the terminal, so a
    /// signal at any later moment finds what it needs.
    static func activate(
        termiosFD: Int32,
        outputFD: Int32,
        wakeFD: Int32,
        original: termios,
        raw: termios,
        enterBytes: [UInt8],
        leaveBytes: [UInt8]
    ) {
        record.pointee.termiosFD = termiosFD
        record.pointee.outputFD = outputFD
        record.pointee.wakeFD = wakeFD
        record.pointee.original = original
        record.pointee.raw = raw
        record.pointee.setSequences(enter: enterBytes, leave: leaveBytes)
        record.pointee.suspending = false
        record.pointee.active = true
        if !exitHookRegistered {
            exitHookRegistered = true
            atexit { SignalRelay.leaveAtExit() }
        }
        for signal in terminating { install(onTerminatingSignal, for: signal) }
        for signal in fatal { install(onFatalSignal, for: signal) }
        install(onSuspend, for: SIGTSTP)
        install(onContinue, for: SIGCONT)
        install(onResize, for: SIGWINCH)
    }

    /// Puts back the dispositions found by ``activate``; the terminal itself is the caller's.
    static func deactivate() {
        record.pointee.active = false
        for signal in all where installed[Int(signal)] {
            sigaction(signal, previous + Int(signal), nil)
            installed[Int(signal)] = false
        }
        record.pointee.wakeFD = -1
    }

    /// Whether SIGTSTP is ours, so a Ctrl-Z key may be turned into a suspension. It is not when
    /// it was ignored at start, as it is for a process run without job control.
    static var handlesSuspend: Bool { installed[Int(SIGTSTP)] }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for signal: Int32) {
        let slot = previous + Int(signal)
        guard sigaction(signal, nil, slot) == 0 else { return }
        // A signal ignored when we started (nohup, a shell without job control) stays ignored.
        if let existing = slot.pointee.__sigaction_handler.sa_handler,
            unsafeBitCast(existing, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        {
            return
        }
        var action = makeAction(handler)
        if sigaction(signal, &action, nil) == 0 {
            installed[Int(signal)] = true
        }
    }

    static func makeAction(_ handler: (@convention(c) (Int32) -> Void)?) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        // Restart interrupted reads and writes; `readKey`'s poll still wakes through the pipe.
        action.sa_flags = SA_RESTART
        return action
    }

    // MARK: Async-signal-safe pieces

    /// Puts the terminal back as it was found: colours reset, cursor shown, alternate screen
    /// and keypad mode left, original termios. Safe in a signal handler; harmless twice.
    static func leaveTerminal() {
        writeFully(record.pointee.outputFD, record.pointee.leaveBytes, record.pointee.leaveCount)
        setAttributes(record.pointee.termiosFD, &record.pointee.original)
    }

    /// Enters raw mode and the alternate screen again, after a stop. Safe in a signal handler.
    static func reenterTerminal() {
        setAttributes(record.pointee.termiosFD, &record.pointee.raw)
        writeFully(record.pointee.outputFD, record.pointee.enterBytes, record.pointee.enterCount)
        record.pointee.reentries &+= 1
    }

    /// Wakes `readKey`. The pipe is non-blocking: when it is full, a wake-up is already pending.
    static func wake(_ byte: UInt8) {
        var value = byte
        let fd = record.pointee.wakeFD
        guard fd >= 0 else { return }
        _ = Glibc.write(fd, &value, 1)
    }

    private static func setAttributes(_ fd: Int32, _ attributes: UnsafeMutablePointer<termios>) {
        // A stopped-then-backgrounded process gets SIGTTOU here and, when continued, EINTR.
        var attempts = 0
        while attempts < 8, tcsetattr(fd, TCSANOW, attributes) != 0, errno == EINTR {
            attempts += 1
        }
    }

    /// `write` until done, retrying EINTR and briefly EAGAIN; gives up rather than block a
    /// handler for ever on a terminal that takes nothing.
    private static func writeFully(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) {
        var offset = 0
        var patience = 50
        while offset < count, patience > 0 {
            let written = Glibc.write(fd, bytes + offset, count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                patience -= 1
                var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, 10)
            } else {
                return
            }
        }
    }

    fileprivate static func leaveAtExit() {
        guard record.pointee.active else { return }
        record.pointee.active = false
        leaveTerminal()
    }
}

// The handlers are free functions so they convert to C function pointers.

private func onTerminatingSignal(_ signal: Int32) {
    let record = SignalRelay.record
    if record.pointee.active {
        record.pointee.active = false
        SignalRelay.leaveTerminal()
    }
    var byDefault = SignalRelay.makeAction(nil)
    sigaction(signal, &byDefault, nil)
    // Pending until this handler returns, then the default action ends the process, so the
    // parent sees it die of the signal it was sent.
    raise(signal)
}

private func onFatalSignal(_ signal: Int32) {
    let record = SignalRelay.record
    if record.pointee.active {
        record.pointee.active = false
        SignalRelay.leaveTerminal()
    }
    sigaction(signal, SignalRelay.previous + Int(signal), nil)
    raise(signal)
}

private func onSuspend(_ signal: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    let record = SignalRelay.record
    let wasActive = record.pointee.active
    if wasActive {
        record.pointee.suspending = true
        SignalRelay.leaveTerminal()
    }

    var byDefault = SignalRelay.makeAction(nil)
    sigaction(SIGTSTP, &byDefault, nil)
    var tstp = sigset_t()
    sigemptyset(&tstp)
    sigaddset(&tstp, SIGTSTP)
    pthread_sigmask(SIG_UNBLOCK, &tstp, nil)
    // Stops here until SIGCONT. Without job control the kernel discards the stop and this returns at once.
    raise(SIGTSTP)
    pthread_sigmask(SIG_BLOCK, &tstp, nil)
    var ours = SignalRelay.makeAction(onSuspend)
    sigaction(SIGTSTP, &ours, nil)

    if wasActive {
        SignalRelay.reenterTerminal()
        record.pointee.suspending = false
        SignalRelay.wake(SignalRelay.continuedByte)
    }
}

private func onContinue(_ signal: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    let record = SignalRelay.record
    // Stopped by something other than our SIGTSTP handler (SIGSTOP, a debugger): the shell
    // may have reset the terminal meanwhile, so enter it again and ask for a repaint.
    guard record.pointee.active, !record.pointee.suspending else { return }
    SignalRelay.reenterTerminal()
    SignalRelay.wake(SignalRelay.continuedByte)
}

private func onResize(_ signal: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    SignalRelay.wake(SignalRelay.resizedByte)
}
