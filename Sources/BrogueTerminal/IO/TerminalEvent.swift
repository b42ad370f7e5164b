/// Something the terminal reports to the game: a key, or a reason to repaint.
public enum TerminalEvent: Hashable, Sendable {
    /// A key was pressed.
    case key(Key)
    /// The window changed size (SIGWINCH). The next ``Terminal/draw(_:)`` repaints everything;
    /// the game may want to lay out a new frame first.
    case resize(width: Int, height: Int)
    /// The screen's contents were lost, as after Ctrl-Z and `fg` (SIGCONT): draw the frame again.
    /// The next ``Terminal/draw(_:)`` repaints everything.
    case redraw
}
