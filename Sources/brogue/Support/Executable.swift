import Foundation

/// Where the running `brogue` binary is.
enum Executable {
    /// The binary's folder, symbolic links resolved. Not from `argv[0]` alone: run from `PATH`,
    /// that is a bare `brogue`, which would name the current folder.
    static var folder: URL {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
