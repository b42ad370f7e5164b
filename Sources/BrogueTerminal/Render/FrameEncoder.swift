public import BrogueFrame

/// Turns frames into the bytes that draw them, sending only what changed.
///
/// The encoder is pure: the same previous frame, new frame and colour mode always give the
/// same bytes. It assumes nothing about the terminal's cursor or colours when it starts, so
/// each update begins with one CUP and one full SGR; after that it moves the cursor only where
/// the next changed cell is not where the cursor already stands, and changes colour only when
/// the next cell's colours differ. A gap of a few unchanged cells inside a row is rewritten
/// rather than jumped when that is fewer bytes.
///
/// ```swift
/// let encoder = FrameEncoder(colorMode: .detect(environment: ProcessInfo.processInfo.environment))
/// let bytes = encoder.encode(from: lastFrame, to: frame)   // empty when nothing changed
/// ```
public struct FrameEncoder: Sendable {
    /// How colours are written.
    public var colorMode: ColorMode

    /// The longest run of unchanged cells that may be rewritten instead of jumped over.
    static let longestGapToRewrite = 8

    /// Creates an encoder.
    /// - Parameter colorMode: How colours are written.
    public init(colorMode: ColorMode) {
        self.colorMode = colorMode
    }

    /// The bytes that turn the screen showing `previous` into one showing `next`.
    ///
    /// With no previous frame, or one of another size, the screen is cleared (`ESC[0m`,
    /// `ESC[H`, `ESC[2J`) and every cell is drawn. Otherwise only cells that look different
    /// are drawn; an unchanged frame gives no bytes at all. The bytes end with the colours
    /// of the last cell drawn still set.
    /// - Parameters:
    ///   - previous: What the screen shows now, or `nil` when unknown.
    ///   - next: What it should show.
    /// - Returns: The bytes to write to the terminal.
    public func encode(from previous: Frame?, to next: Frame) -> [UInt8] {
        var writer = ScreenWriter(mode: colorMode, width: next.width)
        guard let previous, previous.width == next.width, previous.height == next.height else {
            writer.bytes += ControlSequence.resetAttributes + ControlSequence.cursorHome + ControlSequence.clearScreen
            writer.cursor = (0, 0)
            for y in 0..<next.height {
                for x in 0..<next.width {
                    writer.moveCursor(x: x, y: y)
                    writer.write(next[x: x, y: y], at: x)
                }
            }
            return writer.bytes
        }

        for y in 0..<next.height {
            let rowStart = y * next.width
            for x in 0..<next.width where !writer.looksSame(previous.cells[rowStart + x], next.cells[rowStart + x]) {
                moveOrRewrite(to: x, y: y, in: next, writer: &writer)
                writer.write(next.cells[rowStart + x], at: x)
            }
        }
        return writer.bytes
    }

    /// Brings the cursor to (x, y): by CUP, or, when the cursor is a few cells to the left on
    /// the same row, by redrawing those unchanged cells if that costs fewer bytes.
    private func moveOrRewrite(to x: Int, y: Int, in frame: Frame, writer: inout ScreenWriter) {
        guard let cursor = writer.cursor, cursor.y == y, cursor.x < x, x - cursor.x <= Self.longestGapToRewrite else {
            writer.moveCursor(x: x, y: y)
            return
        }
        let target = frame[x: x, y: y]

        var jump = writer
        jump.bytes = []
        jump.moveCursor(x: x, y: y)
        jump.pen(for: target).appendTransition(from: jump.pen, to: &jump.bytes)

        var rewrite = writer
        rewrite.bytes = []
        for gapX in cursor.x..<x {
            rewrite.write(frame[x: gapX, y: y], at: gapX)
        }
        rewrite.pen(for: target).appendTransition(from: rewrite.pen, to: &rewrite.bytes)

        if rewrite.bytes.count < jump.bytes.count {
            for gapX in cursor.x..<x {
                writer.write(frame[x: gapX, y: y], at: gapX)
            }
        } else {
            writer.moveCursor(x: x, y: y)
        }
    }
}
