import Glibc

/// The termios settings of raw mode.
enum RawMode {
    /// `original` with every translation and special key turned off: input arrives byte by
    /// byte and unechoed, output goes out as written.
    static func attributes(from original: termios) -> termios {
        var raw = original
        // Break is not SIGINT; CR stays CR so Enter and Ctrl-J differ; no parity or stripping;
        // Ctrl-S and Ctrl-Q reach the game instead of pausing output.
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON | INLCR | IGNCR | PARMRK)
        // No "\n" to "\r\n": the encoder places every run with CUP.
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag &= ~tcflag_t(CSIZE | PARENB)
        raw.c_cflag |= tcflag_t(CS8)
        // No echo, no line editing, no Ctrl-V; and no ISIG, so Ctrl-C, Ctrl-Z and Ctrl-\ arrive
        // as keys the game can confirm before acting on.
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1
            controlCharacters[Int(VTIME)] = 0
        }
        return raw
    }
}
