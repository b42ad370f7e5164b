/// A key the player pressed, as decoded from the terminal's bytes.
///
/// Keys carry no game meaning here; the game maps them to commands. The numeric keypad in
/// application mode gives ``character(_:)`` digits, like the top row, and its middle key
/// gives ``center``.
public enum Key: Hashable, Sendable {
    /// A printable character, including space and anything beyond ASCII.
    case character(Character)
    /// Enter or Return (CR or LF), including the keypad's Enter.
    case enter
    /// Tab.
    case tab
    /// Shift-Tab (`CSI Z`).
    case backTab
    /// Backspace (DEL or Ctrl-H).
    case backspace
    /// Escape on its own.
    case escape
    /// Ctrl with a letter, lower-case `a` through `z` (Ctrl-C is `.control("c")`), except the
    /// ones that are keys of their own: Ctrl-H (backspace), Ctrl-I (tab), Ctrl-J and Ctrl-M (enter).
    case control(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Insert.
    case insert
    /// Delete (the forward-delete key, not Backspace).
    case delete
    /// The keypad's middle key (5 with Num Lock off), which roguelikes use to rest.
    case center
    /// A function key, F1 through F12.
    case function(Int)
}
