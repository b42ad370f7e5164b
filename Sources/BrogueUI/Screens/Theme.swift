import BrogueCore
public import BrogueFrame

/// Colours of the interface (content supplies those of terrain, monsters and items).
public enum Theme {
    public static let text = TermColor(rgb: 0xD0D0D0)
    public static let dimText = TermColor(rgb: 0x808080)
    public static let title = TermColor(rgb: 0xF0C060)
    public static let highlight = TermColor(rgb: 0x3A4A80)
    /// The targeting cursor's cell.
    public static let cursor = TermColor(rgb: 0x8090D0)
    public static let panel = TermColor(rgb: 0x10121C)
    public static let border = TermColor(rgb: 0x505878)
    public static let health = TermColor(rgb: 0xA02020)
    public static let healthBack = TermColor(rgb: 0x301010)
    public static let remembered = TermColor(rgb: 0x0A0C18)
    public static let magicMapped = TermColor(rgb: 0x9070C0)
    public static let player = TermColor(rgb: 0xFFFFFF)

    static func color(for kind: MessageKind) -> TermColor {
        switch kind {
        case .info: text
        case .combat: TermColor(rgb: 0xE0A0A0)
        case .good: TermColor(rgb: 0x90E090)
        case .bad: TermColor(rgb: 0xFF6060)
        case .warning: TermColor(rgb: 0xF0D060)
        }
    }
}

extension RGB {
    var term: TermColor { TermColor(r: r, g: g, b: b) }
}
