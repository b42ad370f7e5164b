import BrogueFrame
import BrogueTerminal
import Glibc
import Testing

/// Real signals sent to a child process that has entered a Terminal on a pty: the test checks
/// the pty afterwards, from outside, as a user's shell would find it.
@Suite(.serialized) struct TerminalSignalTests {
    static let enterBytes = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1h\u{1B}="
    static let leaveBytes = "\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l"

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP, SIGQUIT])
    func terminatingSignalRestoresThenKills(signal: Int32) throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let child = try ChildProcess(scenario: "wait", ptyPath: try ptyPath(pty))
        try #require(waitForOutput(pty, containing: Self.enterBytes), "the child never entered the terminal")
        #expect(TermiosSnapshot(pty.attributes()) != before)

        kill(child.pid, signal)
        #expect(child.wait() == .signalled(signal))
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output().hasSuffix(Self.leaveBytes))
    }

    @Test func crashRestoresThenCrashes() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let child = try ChildProcess(scenario: "crash", ptyPath: try ptyPath(pty))
        try #require(waitForOutput(pty, containing: Self.enterBytes))
        let outcome = child.wait(milliseconds: 60_000)
        // fatalError traps: SIGILL on x86-64, SIGTRAP on arm64.
        #expect(outcome == .signalled(SIGILL) || outcome == .signalled(SIGTRAP), "\(outcome)")
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output().contains(Self.leaveBytes))
    }

    @Test func exitInsideRunRestores() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let child = try ChildProcess(scenario: "exit", ptyPath: try ptyPath(pty))
        try #require(waitForOutput(pty, containing: Self.enterBytes))
        #expect(child.wait() == .exited(7))
        #expect(TermiosSnapshot(pty.attributes()) == before)
        #expect(pty.output().hasSuffix(Self.leaveBytes))
    }

    @Test func stopRestoresAndContinueEntersAgainWithARedraw() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let child = try ChildProcess(scenario: "suspend", ptyPath: try ptyPath(pty))
        try #require(waitForOutput(pty, containing: Self.enterBytes))
        let raw = TermiosSnapshot(pty.attributes())

        kill(child.pid, SIGTSTP)
        #expect(child.wait(untraced: true) == .stopped(SIGTSTP))
        #expect(TermiosSnapshot(pty.attributes()) == before, "stopped with the terminal as the shell left it")
        #expect(pty.output().hasSuffix(Self.leaveBytes))

        kill(child.pid, SIGCONT)
        try #require(waitForOutput(pty, containing: "redrawn"), "the child saw no .redraw")
        #expect(TermiosSnapshot(pty.attributes()) == raw, "raw mode again after SIGCONT")
        pty.type("q")
        #expect(child.wait() == .exited(0))
        #expect(TermiosSnapshot(pty.attributes()) == before)
    }

    @Test func controlZKeySuspendsLikeTheShellWould() throws {
        let pty = try PseudoTerminal()
        let before = TermiosSnapshot(pty.attributes())
        let child = try ChildProcess(scenario: "suspend", ptyPath: try ptyPath(pty))
        try #require(waitForOutput(pty, containing: Self.enterBytes))

        pty.type("\u{1A}")
        #expect(child.wait(untraced: true) == .stopped(SIGTSTP))
        #expect(TermiosSnapshot(pty.attributes()) == before)
        kill(child.pid, SIGCONT)
        try #require(waitForOutput(pty, containing: "redrawn"))
        pty.type("q")
        #expect(child.wait() == .exited(0))
    }

    /// The child's side: does nothing unless this binary was started by ``ChildProcess``.
    @Test func childScenario() throws {
        guard let scenario = getenv(ChildProcess.scenarioVariable).map({ String(cString: $0) }),
            let path = getenv(ChildProcess.ptyVariable).map({ String(cString: $0) })
        else { return }
        // A signalled child must not leave core files behind.
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        let fd = open(path, O_RDWR | O_NOCTTY)
        let options = Terminal.Options(colorMode: .trueColor)
        try Terminal.run(input: fd, output: fd, options: options) { terminal throws in
            switch scenario {
            case "crash":
                usleep(50_000)
                fatalError("a crash in the middle of a game")
            case "exit":
                usleep(50_000)
                exit(7)
            case "suspend":
                // The parent signals or types when it is ready, however slow the machine; the
                // timeout is only against a parent that never does (the child is killed anyway).
                while let event = try terminal.readKey(timeoutMilliseconds: 600_000) {
                    if event == .redraw { try terminal.write(Array("redrawn".utf8)) }
                    if event == .key(.character("q")) { return }
                }
                exit(3)
            default:
                _ = try terminal.readKey(timeoutMilliseconds: 600_000)
                exit(3)
            }
        }
    }

    private func ptyPath(_ pty: PseudoTerminal) throws -> String {
        String(cString: try #require(ttyname(pty.slave)))
    }

    /// Reads the pty until `text` shows up or a minute passes (a bound only a hang reaches).
    private func waitForOutput(_ pty: PseudoTerminal, containing text: String) -> Bool {
        var seen = ""
        for _ in 0..<600 {
            seen += pty.output(waitingMilliseconds: 100)
            if seen.contains(text) { return true }
        }
        return false
    }
}
