public import BrogueFrame

/// Maps 24-bit colours to the xterm 256-colour palette.
///
/// Only indices 16...255 are chosen: 16...231 are the 6x6x6 colour cube (levels 0, 95, 135,
/// 175, 215, 255) and 232...255 the grey ramp (8, 18, ... 238). "Nearest" is the smallest
/// squared distance in RGB; a tie goes to the cube.
public enum Palette256 {
    /// The six channel levels of the xterm colour cube.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The palette index nearest to a colour.
    /// - Parameter color: The colour to map.
    /// - Returns: An index in 16...255.
    public static func index(for color: TermColor) -> UInt8 {
        // Called for every cell of every frame in 256-colour mode, so no arrays here.
        let r = Int(color.r)
        let g = Int(color.g)
        let b = Int(color.b)
        let (levelR, levelG, levelB) = (nearestCubeLevel(r), nearestCubeLevel(g), nearestCubeLevel(b))
        let cubeIndex = 16 + 36 * levelR + 6 * levelG + levelB
        let cubeDistance = square(r - cubeLevels[levelR]) + square(g - cubeLevels[levelG]) + square(b - cubeLevels[levelB])

        // The ramp is 8 + 10 * step, and the nearest grey to a colour is its mean, so the step
        // is (mean - 8) / 10 rounded: (sum - 24) / 30, rounded, in integers.
        let step = min(max((r + g + b - 24 + 15) / 30, 0), 23)
        let grey = 8 + 10 * step
        let greyDistance = square(r - grey) + square(g - grey) + square(b - grey)

        return UInt8(greyDistance < cubeDistance ? 232 + step : cubeIndex)
    }

    private static func square(_ value: Int) -> Int { value * value }

    /// The colour the terminal shows for a palette index in 16...255; `nil` for the
    /// user-themed system colours 0...15.
    /// - Parameter index: The palette index.
    /// - Returns: Its standard xterm colour.
    public static func color(for index: UInt8) -> TermColor? {
        switch index {
        case 16...231:
            let offset = Int(index) - 16
            return TermColor(
                r: UInt8(cubeLevels[offset / 36]),
                g: UInt8(cubeLevels[offset / 6 % 6]),
                b: UInt8(cubeLevels[offset % 6])
            )
        case 232...255:
            let value = UInt8(8 + 10 * (Int(index) - 232))
            return TermColor(r: value, g: value, b: value)
        default:
            return nil
        }
    }

    private static func nearestCubeLevel(_ value: Int) -> Int {
        // Midpoints between successive levels: 47, 115, 155, 195, 235.
        switch value {
        case ..<48: 0
        case ..<115: 1
        case ..<155: 2
        case ..<195: 3
        case ..<235: 4
        default: 5
        }
    }
}
