import Glibc

/// A pseudo-terminal pair for tests: the code under test gets the replica (`slave`), the test
/// plays the user and the terminal emulator on the controller (`master`).
final class PseudoTerminal {
    let master: Int32
    let slave: Int32

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw PseudoTerminalError.openFailed(errno) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
    }

    deinit {
        close(master)
        close(slave)
    }

    /// The replica's termios now.
    func attributes() -> termios {
        var attributes = termios()
        tcgetattr(slave, &attributes)
        return attributes
    }

    /// Types bytes, as the user would.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Sets the window size, as an emulator does when its window is resized.
    func setSize(width: Int, height: Int) {
        var window = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
    }

    /// Everything written to the replica so far, waiting up to `milliseconds` for the first byte.
    func output(waitingMilliseconds milliseconds: Int32 = 200) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var wait = milliseconds
        while true {
            var watched = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&watched, 1, wait) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
            wait = 20
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum PseudoTerminalError: Error {
    case openFailed(Int32)
}

/// The termios fields that matter, comparable.
struct TermiosSnapshot: Equatable {
    let input: tcflag_t
    let output: tcflag_t
    let control: tcflag_t
    let local: tcflag_t
    let characters: [UInt8]

    init(_ attributes: termios) {
        input = attributes.c_iflag
        output = attributes.c_oflag
        control = attributes.c_cflag
        local = attributes.c_lflag
        var copy = attributes
        characters = withUnsafeBytes(of: &copy.c_cc) { Array($0) }
    }
}
