extension Key {
    /// The key's name as key bindings write it (see `Keymap`).
    public var name: String {
        switch self {
        case .character(let c): String(c)
        case .enter: "enter"
        case .tab: "tab"
        case .backTab: "back-tab"
        case .backspace: "backspace"
        case .escape: "escape"
        case .control(let c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .insert: "insert"
        case .delete: "delete"
        case .center: "center"
        case .function(let n): "f\(n)"
        }
    }
}
