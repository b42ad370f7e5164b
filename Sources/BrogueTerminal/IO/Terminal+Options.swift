import Glibc

extension Terminal {
    /// How a ``Terminal`` sets itself up.
    public struct Options: Hashable, Sendable {
        /// How colours are written; by default chosen from `COLORTERM` (see ``ColorMode/detect(environment:)``).
        public var colorMode: ColorMode
        /// Draw on the alternate screen, so the shell's screen comes back untouched on exit.
        public var alternateScreen: Bool
        /// Hide the cursor while entered.
        public var hideCursor: Bool
        /// Ask for application cursor and keypad modes, so the numeric keypad sends its own
        /// sequences (digits and ``Key/center``) whatever the state of Num Lock.
        public var keypadApplicationMode: Bool
        /// Treat the Ctrl-Z key as the shell would: leave the terminal, stop, and report
        /// ``TerminalEvent/redraw`` when continued. Off, Ctrl-Z is reported as a key.
        public var suspendOnControlZ: Bool
        /// How long a lone ESC waits for the rest of an escape sequence before it counts as the Escape key.
        public var escapeTimeoutMilliseconds: Int

        /// Creates options; every parameter has the default a game wants.
        /// - Parameters:
        ///   - colorMode: How colours are written; `nil` chooses from the environment.
        ///   - alternateScreen: Use the alternate screen; `true`.
        ///   - hideCursor: Hide the cursor; `true`.
        ///   - keypadApplicationMode: Ask for keypad application mode; `true`.
        ///   - suspendOnControlZ: Suspend on Ctrl-Z; `true`.
        ///   - escapeTimeoutMilliseconds: The wait after a lone ESC; 50 ms.
        public init(
            colorMode: ColorMode? = nil,
            alternateScreen: Bool = true,
            hideCursor: Bool = true,
            keypadApplicationMode: Bool = true,
            suspendOnControlZ: Bool = true,
            escapeTimeoutMilliseconds: Int = 50
        ) {
            self.colorMode = colorMode ?? Self.environmentColorMode()
            self.alternateScreen = alternateScreen
            self.hideCursor = hideCursor
            self.keypadApplicationMode = keypadApplicationMode
            self.suspendOnControlZ = suspendOnControlZ
            self.escapeTimeoutMilliseconds = max(escapeTimeoutMilliseconds, 0)
        }

        private static func environmentColorMode() -> ColorMode {
            var environment: [String: String] = [:]
            if let value = getenv("COLORTERM") {
                environment["COLORTERM"] = String(cString: value)
            }
            return .detect(environment: environment)
        }

        /// What entering writes: alternate screen first, so the rest applies to it.
        var enterSequence: [UInt8] {
            var bytes: [UInt8] = []
            if alternateScreen { bytes += ControlSequence.enterAlternateScreen }
            if hideCursor { bytes += ControlSequence.hideCursor }
            if keypadApplicationMode { bytes += ControlSequence.enterKeypadApplicationMode }
            return bytes
        }

        /// What leaving writes: colours reset before the screen switches, so no colour leaks
        /// onto the shell's screen.
        var leaveSequence: [UInt8] {
            var bytes = ControlSequence.resetAttributes
            if keypadApplicationMode { bytes += ControlSequence.leaveKeypadApplicationMode }
            if hideCursor { bytes += ControlSequence.showCursor }
            if alternateScreen { bytes += ControlSequence.leaveAlternateScreen }
            return bytes
        }
    }
}
