/// Where things go on Brogue's 100 x 34 screen.
public enum Layout {
    public static let width = 100
    public static let height = 34
    public static let sidebarWidth = 20
    /// The map's top-left corner on screen.
    public static let mapX = 21
    public static let mapY = 3
    public static let messageLines = 3
    /// The status line under the map.
    public static let statusY = 32
}
