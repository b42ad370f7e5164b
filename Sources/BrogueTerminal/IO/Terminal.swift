public import BrogueFrame
import Glibc

/// A real terminal: raw mode, the alternate screen, diffed drawing and keys.
///
/// Entering saves the terminal's settings and restoring puts them back. The terminal is
/// restored on every way out that the process survives long enough to see: ``restore()``,
/// leaving ``run(input:output:options:_:)`` normally or by a thrown error, `exit()`, and the
/// signals SIGINT, SIGTERM, SIGHUP and SIGQUIT (restore, then die of the signal) and the crash
/// signals SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE (restore, then pass the signal on).
/// Ctrl-Z and SIGTSTP leave the terminal and stop; SIGCONT enters it again and reports
/// ``TerminalEvent/redraw``. SIGWINCH reports ``TerminalEvent/resize(width:height:)``.
///
/// Only one terminal may be entered at a time, since signal handling is process-wide; use it
/// from one thread.
///
/// ```swift
/// try Terminal.run { terminal in
///     var frame = Frame(width: 100, height: 34)
///     while true {
///         frame.put("Press q to quit", x: 0, y: 0, fg: .white)
///         try terminal.draw(frame)
///         switch try terminal.readKey(timeoutMilliseconds: 100) {
///         case .key(.character("q"))?: return
///         case .resize?, .redraw?: try terminal.draw(frame)
///         default: break
///         }
///     }
/// }
/// ```
public final class Terminal {
    /// The file descriptor keys are read from.
    public let input: Int32
    /// The file descriptor frames are written to.
    public let output: Int32
    /// How the terminal was set up.
    public let options: Options
    /// Whether the terminal is entered (raw mode, alternate screen) right now.
    public private(set) var isActive = false

    var decoder = KeyDecoder()
    var queue: [TerminalEvent] = []
    /// The read end of the self-pipe the signal handlers write to.
    var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var encoder: FrameEncoder
    /// What the screen shows, as far as we know; `nil` forces a full repaint.
    private var shown: Frame?

    /// Creates a terminal on two file descriptors; nothing changes until ``enter()``.
    /// - Parameters:
    ///   - input: Where keys come from; standard input by default.
    ///   - output: Where frames go; standard output by default.
    ///   - options: How to set the terminal up.
    public init(input: Int32 = 0, output: Int32 = 1, options: Options = Options()) {
        self.input = input
        self.output = output
        self.options = options
        self.encoder = FrameEncoder(colorMode: options.colorMode)
    }

    deinit {
        restore()
    }

    /// Enters a terminal, runs `body`, and restores the terminal however `body` ends.
    /// - Parameters:
    ///   - input: Where keys come from; standard input by default.
    ///   - output: Where frames go; standard output by default.
    ///   - options: How to set the terminal up.
    ///   - body: The game, given the entered terminal.
    /// - Returns: What `body` returns.
    /// - Throws: A ``TerminalError`` from entering, or what `body` throws (after restoring).
    public static func run<Result>(
        input: Int32 = 0,
        output: Int32 = 1,
        options: Options = Options(),
        _ body: (Terminal) throws -> Result
    ) throws -> Result {
        let terminal = Terminal(input: input, output: output, options: options)
        try terminal.enter()
        defer { terminal.restore() }
        return try body(terminal)
    }

    /// The colour mode frames are written in. Changing it repaints everything on the next draw.
    public var colorMode: ColorMode {
        get { encoder.colorMode }
        set {
            encoder.colorMode = newValue
            shown = nil
        }
    }

    /// Saves the terminal's settings, installs the signal handlers, enters raw mode, and
    /// switches to the alternate screen with the cursor hidden (as the options say).
    /// - Throws: ``TerminalError/notATerminal(input:output:)`` when neither descriptor is a
    ///   terminal, ``TerminalError/anotherTerminalIsActive``, or a failed system call.
    public func enter() throws {
        guard !isActive else { return }
        guard !SignalRelay.record.pointee.active else { throw TerminalError.anotherTerminalIsActive }
        let termiosFD: Int32
        if isatty(input) == 1 {
            termiosFD = input
        } else if isatty(output) == 1 {
            termiosFD = output
        } else {
            throw TerminalError.notATerminal(input: input, output: output)
        }
        var original = termios()
        guard tcgetattr(termiosFD, &original) == 0 else { throw TerminalError.systemCall("tcgetattr", errno: errno) }
        var raw = RawMode.attributes(from: original)
        try openWakePipe()

        SignalRelay.activate(
            termiosFD: termiosFD,
            outputFD: output,
            wakeFD: wakeWrite,
            original: original,
            raw: raw,
            enterBytes: options.enterSequence,
            leaveBytes: options.leaveSequence
        )
        isActive = true
        decoder = KeyDecoder()
        queue = []
        shown = nil
        do {
            guard tcsetattr(termiosFD, TCSANOW, &raw) == 0 else { throw TerminalError.systemCall("tcsetattr", errno: errno) }
            try write(options.enterSequence)
        } catch {
            restore()
            throw error
        }
    }

    /// Puts the terminal back as ``enter()`` found it and removes the signal handlers.
    /// Does nothing when not entered, so it is safe to call more than once.
    public func restore() {
        guard isActive else { return }
        isActive = false
        let record = SignalRelay.record
        let reentries = record.pointee.reentries
        SignalRelay.leaveTerminal()
        SignalRelay.deactivate()
        // A Ctrl-Z between the two lines above would have entered the terminal again on SIGCONT.
        if record.pointee.reentries != reentries {
            SignalRelay.leaveTerminal()
        }
        closeWakePipe()
        shown = nil
    }

    /// The terminal's size now.
    /// - Returns: Columns and rows; zero when the terminal does not know (a new pseudo-terminal).
    /// - Throws: ``TerminalError/systemCall(_:errno:)`` when neither descriptor can tell.
    public func size() throws -> TerminalSize {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0 || ioctl(input, UInt(TIOCGWINSZ), &window) == 0 else {
            throw TerminalError.systemCall("ioctl(TIOCGWINSZ)", errno: errno)
        }
        return TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
    }

    /// Draws a frame, sending only the cells that differ from the last one drawn (everything,
    /// the first time and after a resize, a redraw, or ``invalidate()``).
    /// - Parameter frame: What the screen should show.
    /// - Throws: ``TerminalError/systemCall(_:errno:)`` when writing fails.
    public func draw(_ frame: Frame) throws {
        let bytes = encoder.encode(from: shown, to: frame)
        shown = nil
        try write(bytes)
        shown = frame
    }

    /// Forgets what the screen shows, so the next ``draw(_:)`` repaints everything.
    public func invalidate() {
        shown = nil
    }

    /// Writes bytes to the output, all of them: retries interrupted and partial writes, and
    /// waits when the output is non-blocking and full.
    /// - Parameter bytes: The bytes to write.
    /// - Throws: ``TerminalError/systemCall(_:errno:)`` on any other failure.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            guard var next = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(output, next, remaining)
                if written > 0 {
                    next += written
                    remaining -= written
                } else if written < 0, errno == EINTR {
                    continue
                } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                    var waiting = pollfd(fd: output, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiting, 1, -1)
                } else {
                    throw TerminalError.systemCall("write", errno: written < 0 ? errno : 0)
                }
            }
        }
    }

    private func openWakePipe() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw TerminalError.systemCall("pipe", errno: errno) }
        for fd in ends {
            // Non-blocking: a handler must never wait on a full pipe, nor a drain on an empty one.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    private func closeWakePipe() {
        for fd in [wakeRead, wakeWrite] where fd >= 0 {
            close(fd)
        }
        wakeRead = -1
        wakeWrite = -1
    }
}
