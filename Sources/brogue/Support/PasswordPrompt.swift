import ArgumentParser
import BrogueUI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password: from `BROGUE_PASSWORD` (scripts), else from the terminal with echo off.
enum PasswordPrompt {
    static func ask(prompt: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let password = environment["BROGUE_PASSWORD"], !password.isEmpty { return password }
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else {
            Console.error("brogue connect: no terminal to ask for the password; set BROGUE_PASSWORD")
            throw ExitCode(1)
        }
        defer { close(fd) }
        var saved = termios()
        let isTTY = tcgetattr(fd, &saved) == 0
        if isTTY {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer { if isTTY { tcsetattr(fd, TCSAFLUSH, &saved) } }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while read(fd, &c, 1) == 1, c != 10, c != 13 {
            bytes.append(c)
            if bytes.count > 1024 { break }
        }
        _ = "\n".withCString { write(fd, $0, 1) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
