/// How colours are written to the terminal.
public enum ColorMode: Hashable, Sendable, Codable {
    /// 24-bit colour, `ESC[38;2;r;g;bm`: exact, and what modern terminals understand.
    case trueColor
    /// The xterm 256-colour palette, `ESC[38;5;nm`: each colour becomes the nearest entry of the
    /// 6x6x6 cube or the grey ramp (indices 16...255). The 16 system colours are never used,
    /// because users re-theme them.
    case palette256

    /// Picks the mode from the environment: `COLORTERM` of `truecolor` or `24bit` (either case)
    /// means ``trueColor``; anything else, or nothing, means ``palette256``.
    ///
    /// A plain-ASCII or monochrome choice is the caller's to make; this only picks between colours.
    /// - Parameter environment: The environment variables, for example `ProcessInfo.processInfo.environment`.
    /// - Returns: The colour mode to use.
    public static func detect(environment: [String: String]) -> ColorMode {
        switch environment["COLORTERM"]?.lowercased() {
        case "truecolor", "24bit": .trueColor
        default: .palette256
        }
    }
}
