import BrogueFrame
import Glibc
import Testing

@testable import BrogueTerminal

/// In-process tests on a pseudo-terminal. Serialized: signal handlers are process-wide and
/// only one Terminal may be entered at a time.
@Suite(.serialized) struct TerminalTests {
    let options = Terminal.Options(colorMode: .trueColor, escapeTimeoutMilliseconds: 30)

    @Test func enterSetsRawModeAndRestorePutsEverythingBack() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let terminal = Terminal(input: pty.slave, output: pty.slave, options: options)
        try terminal.enter()
        #expect(terminal.isActive)

        let raw = pty.attributes()
        for flag in [ICANON, ECHO, ISIG, IEXTEN] {
            #expect(raw.c_lflag & tcflag_t(flag) == 0, "lflag \(flag) still set")
        }
        for flag in [ICRNL, IXON, BRKINT, ISTRIP] {
            #expect(raw.c_iflag & tcflag_t(flag) == 0, "iflag \(flag) still set")
        }
        #expect(raw.c_oflag & tcflag_t(OPOST) == 0)
        #expect(raw.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        var rawCopy = raw
        withUnsafeBytes(of: &rawCopy.c_cc) { characters in
            #expect(characters[Int(VMIN)] == 1)
            #expect(characters[Int(VTIME)] == 0)
        }
        #expect(pty.output() == "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1h\u{1B}=")

        terminal.restore()
        #expect(!terminal.isActive)
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output() == "\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l")

        terminal.restore()
        #expect(pty.output(waitingMilliseconds: 20) == "", "a second restore writes nothing")
    }

    @Test func runRestoresWhenTheBodyThrows() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        struct GameOver: Error {}
        #expect(throws: GameOver.self) {
            try Terminal.run(input: pty.slave, output: pty.slave, options: options) { _ throws in
                #expect(TermiosSnapshot(pty.attributes()) != before)
                throw GameOver()
            }
        }
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output().hasSuffix("\u{1B}[?1049l"))
        #expect(!SignalRelay.record.pointee.active)
    }

    @Test func handlersAreInstalledWhileEnteredAndRemovedAfter() throws {
        let pty = try PseudoTerminal()
        let watched = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH, SIGSEGV, SIGILL, SIGABRT]
        let before = watched.map(handlerAddress)
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { _ throws in
            for (signal, old) in zip(watched, before) {
                #expect(handlerAddress(signal) != old, "signal \(signal) has no handler of ours")
            }
        }
        #expect(watched.map(handlerAddress) == before)
    }

    @Test func onlyOneTerminalAtATime() throws {
        let pty = try PseudoTerminal()
        let other = try PseudoTerminal()
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { _ throws in
            let second = Terminal(input: other.slave, output: other.slave, options: options)
            #expect(throws: TerminalError.anotherTerminalIsActive) { try second.enter() }
        }
    }

    @Test func refusesSomethingThatIsNotATerminal() throws {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        defer { for fd in ends { close(fd) } }
        let terminal = Terminal(input: ends[0], output: ends[1], options: options)
        #expect(throws: TerminalError.notATerminal(input: ends[0], output: ends[1])) { try terminal.enter() }
        #expect(!terminal.isActive)
    }

    @Test func readsKeysTypedIntoThePty() throws {
        let pty = try PseudoTerminal()
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { terminal throws in
            pty.type("a\u{1B}[A\u{03}\r")
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.character("a")))
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.up))
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.control("c")), "Ctrl-C is a key, not SIGINT")
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.enter), "CR is not turned into LF")
        }
    }

    @Test func loneEscapeIsReportedAfterTheEscapeTimeout() throws {
        let pty = try PseudoTerminal()
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { terminal throws in
            pty.type("\u{1B}")
            let start = ContinuousClock.now
            // The call's own timeout is far longer than the 30 ms escape timeout, so an ESC that
            // waited for it would show; a loaded machine is slow, never half a minute slow.
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.escape))
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(25) && waited < .seconds(30))
        }
    }

    @Test func timesOutWithNothing() throws {
        let pty = try PseudoTerminal()
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { terminal throws in
            let start = ContinuousClock.now
            #expect(try terminal.readKey(timeoutMilliseconds: 40) == nil)
            #expect(ContinuousClock.now - start >= .milliseconds(35))
            #expect(try terminal.readKey(timeoutMilliseconds: 0) == nil)
        }
    }

    @Test func sizeComesFromTheWindow() throws {
        let pty = try PseudoTerminal()
        pty.setSize(width: 100, height: 34)
        let terminal = Terminal(input: pty.slave, output: pty.slave, options: options)
        #expect(try terminal.size() == TerminalSize(width: 100, height: 34))
    }

    @Test func sigwinchReportsTheNewSizeAndRepaintsEverything() throws {
        let pty = try PseudoTerminal()
        pty.setSize(width: 100, height: 34)
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { terminal throws in
            let frame = Frame(width: 4, height: 2, filledWith: Cell("."))
            try terminal.draw(frame)
            _ = pty.output()
            try terminal.draw(frame)
            #expect(pty.output(waitingMilliseconds: 20) == "", "an unchanged frame writes nothing")

            pty.setSize(width: 120, height: 40)
            // The pty is not our controlling terminal, so the kernel does not signal us: do it ourselves.
            kill(getpid(), SIGWINCH)
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .resize(width: 120, height: 40))
            try terminal.draw(frame)
            #expect(pty.output().hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"), "full repaint after a resize")
        }
    }

    @Test func sigcontEntersAgainAndAsksForARedraw() throws {
        let pty = try PseudoTerminal()
        try Terminal.run(input: pty.slave, output: pty.slave, options: options) { terminal throws in
            _ = pty.output()
            let raw = TermiosSnapshot(pty.attributes())
            // As if a shell had reset the terminal while we were stopped by SIGSTOP.
            SignalRelay.leaveTerminal()
            #expect(TermiosSnapshot(pty.attributes()) != raw)
            _ = pty.output()
            kill(getpid(), SIGCONT)
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .redraw)
            #expect(TermiosSnapshot(pty.attributes()) == raw)
            #expect(pty.output() == "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1h\u{1B}=")
        }
    }

    @Test func signalSafeLeaveRestoresTheSavedSettings() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let terminal = Terminal(input: pty.slave, output: pty.slave, options: options)
        try terminal.enter()
        _ = pty.output()
        // What every handler does first, called directly.
        SignalRelay.leaveTerminal()
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output() == "\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l")
        terminal.restore()
    }

    @Test func controlZIsAKeyWhenSuspendIsOff() throws {
        let pty = try PseudoTerminal()
        var noSuspend = options
        noSuspend.suspendOnControlZ = false
        try Terminal.run(input: pty.slave, output: pty.slave, options: noSuspend) { terminal throws in
            pty.type("\u{1A}")
            #expect(try terminal.readKey(timeoutMilliseconds: 60_000) == .key(.control("z")))
        }
    }

    @Test func hangUpEndsInput() throws {
        var pty: PseudoTerminal? = try PseudoTerminal()
        let slave = dup(pty!.slave)
        defer { close(slave) }
        let terminal = Terminal(input: slave, output: slave, options: options)
        try terminal.enter()
        pty = nil
        #expect(throws: TerminalError.inputClosed) { _ = try terminal.readKey(timeoutMilliseconds: 60_000) }
        terminal.restore()
    }

    @Test func optionsChooseWhatIsWritten() throws {
        let pty = try PseudoTerminal()
        let plain = Terminal.Options(colorMode: .palette256, alternateScreen: false, hideCursor: true, keypadApplicationMode: false)
        try Terminal.run(input: pty.slave, output: pty.slave, options: plain) { terminal throws in
            #expect(pty.output() == "\u{1B}[?25l")
            try terminal.draw(Frame(width: 1, height: 1, filledWith: Cell("x", fg: .red)))
            #expect(pty.output().hasSuffix("\u{1B}[0;38;5;196;48;5;16mx"))
        }
        #expect(pty.output() == "\u{1B}[0m\u{1B}[?25h")
    }
}

private func handlerAddress(_ signal: Int32) -> Int {
    var current = sigaction()
    sigaction(signal, nil, &current)
    return current.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } ?? 0
}
