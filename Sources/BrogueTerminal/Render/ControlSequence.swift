/// The escape sequences this module writes, as bytes.
enum ControlSequence {
    static let escape: UInt8 = 0x1B

    /// `ESC [`: the control sequence introducer.
    static let csi: [UInt8] = [0x1B, UInt8(ascii: "[")]

    static let resetAttributes = bytes("\u{1B}[0m")
    static let clearScreen = bytes("\u{1B}[2J")
    static let cursorHome = bytes("\u{1B}[H")
    static let enterAlternateScreen = bytes("\u{1B}[?1049h")
    static let leaveAlternateScreen = bytes("\u{1B}[?1049l")
    static let hideCursor = bytes("\u{1B}[?25l")
    static let showCursor = bytes("\u{1B}[?25h")
    /// DECCKM on and DECKPAM: arrows and the numeric keypad send SS3 sequences.
    static let enterKeypadApplicationMode = bytes("\u{1B}[?1h\u{1B}=")
    /// DECCKM off and DECKPNM: back to what a shell expects.
    static let leaveKeypadApplicationMode = bytes("\u{1B}[?1l\u{1B}>")

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Appends the decimal digits of a non-negative number, without allocating a string.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Appends CUP for a zero-based position, leaving out the parts that default to 1.
    static func appendCursorPosition(x: Int, y: Int, to bytes: inout [UInt8]) {
        bytes += csi
        if y > 0 || x > 0 { appendDecimal(y + 1, to: &bytes) }
        if x > 0 {
            bytes.append(UInt8(ascii: ";"))
            appendDecimal(x + 1, to: &bytes)
        }
        bytes.append(UInt8(ascii: "H"))
    }
}
