import Glibc

extension Terminal {
    /// Waits for the next key, resize or redraw.
    ///
    /// A lone ESC is reported as ``Key/escape`` once `options.escapeTimeoutMilliseconds` pass
    /// with nothing after it. With `suspendOnControlZ`, Ctrl-Z suspends the process here and
    /// the call goes on to report ``TerminalEvent/redraw`` when it is continued.
    /// - Parameter timeoutMilliseconds: How long to wait; 0 only looks, negative waits for ever.
    /// - Returns: The event, or `nil` when the time ran out first.
    /// - Throws: ``TerminalError/inputClosed`` when the input ends or the terminal hangs up;
    ///   ``TerminalError/systemCall(_:errno:)`` when polling or reading fails.
    public func readKey(timeoutMilliseconds: Int) throws -> TerminalEvent? {
        let deadline = timeoutMilliseconds < 0 ? nil : Self.now() + timeoutMilliseconds
        while true {
            if let event = takeQueued() { return event }
            let remaining = deadline.map { max($0 - Self.now(), 0) }
            let wait = decoder.hasPending ? options.escapeTimeoutMilliseconds : (remaining ?? -1)

            var watched = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
            if wakeRead >= 0 { watched.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&watched, nfds_t(watched.count), Int32(clamping: wait))
            if ready < 0 {
                if errno == EINTR { continue }
                throw TerminalError.systemCall("poll", errno: errno)
            }
            if watched.count > 1, watched[1].revents != 0 { drainWakePipe() }
            if watched[0].revents != 0 { try readInput() }
            if ready == 0 {
                if decoder.hasPending {
                    queue += decoder.flush().map(TerminalEvent.key)
                } else if let remaining, remaining == 0 {
                    return nil
                }
            }
        }
    }

    /// Leaves the terminal and stops the process, as Ctrl-Z does in a shell; returns once the
    /// process is continued and the terminal entered again, with ``TerminalEvent/redraw``
    /// queued for ``readKey(timeoutMilliseconds:)``.
    ///
    /// The whole process group is stopped, as the terminal itself would do, so a wrapper
    /// script stops too and the shell sees the job stop.
    /// - Returns: `false`, doing nothing, when the terminal is not entered or SIGTSTP was
    ///   ignored at start (no job control to come back from).
    @discardableResult
    public func suspend() -> Bool {
        guard isActive, SignalRelay.handlesSuspend else { return false }
        kill(0, SIGTSTP)
        return true
    }

    private func takeQueued() -> TerminalEvent? {
        while !queue.isEmpty {
            let event = queue.removeFirst()
            if event == .key(.control("z")), options.suspendOnControlZ, suspend() {
                continue
            }
            return event
        }
        return nil
    }

    private func readInput() throws {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
        if count > 0 {
            queue += decoder.feed(buffer[..<count]).map(TerminalEvent.key)
        } else if count == 0 || errno == EIO {
            // End of file, or (EIO) the other side of a pseudo-terminal is gone.
            throw TerminalError.inputClosed
        } else if errno != EINTR, errno != EAGAIN, errno != EWOULDBLOCK {
            throw TerminalError.systemCall("read", errno: errno)
        }
    }

    private func drainWakePipe() {
        var resized = false
        var continued = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(wakeRead, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            for byte in buffer[..<count] {
                if byte == SignalRelay.resizedByte { resized = true }
                if byte == SignalRelay.continuedByte { continued = true }
            }
        }
        if resized || continued { invalidate() }
        if resized, let size = try? size() {
            let event = TerminalEvent.resize(width: size.width, height: size.height)
            if !queue.contains(event) { queue.append(event) }
        }
        if continued, !queue.contains(.redraw) {
            queue.append(.redraw)
        }
    }

    /// Milliseconds on a clock that never jumps.
    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1000 + time.tv_nsec / 1_000_000
    }
}
