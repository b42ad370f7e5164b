// Integer arithmetic only, rounded to nearest, so a frame looks the same on every machine
// and the browser client can reproduce it exactly.
extension TermColor {
    /// This colour moved `percent` of the way towards `other`.
    ///
    /// `mixed(with: .black, percent: 60)` is the usual "remembered but not seen" dimming.
    /// - Parameters:
    ///   - other: The colour to move towards.
    ///   - percent: 0 keeps this colour, 100 gives `other`; values outside 0...100 are clamped.
    /// - Returns: The blended colour.
    public func mixed(with other: TermColor, percent: Int) -> TermColor {
        let p = min(max(percent, 0), 100)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Int(a) * (100 - p) + Int(b) * p + 50) / 100)
        }
        return TermColor(r: mix(r, other.r), g: mix(g, other.g), b: mix(b, other.b))
    }

    /// Each channel multiplied by `percent` / 100 and clamped to 0...255.
    /// - Parameter percent: 100 keeps the colour, 50 halves it, 150 brightens it; negative is 0.
    /// - Returns: The scaled colour.
    public func scaled(percent: Int) -> TermColor {
        let p = max(percent, 0)
        func scale(_ a: UInt8) -> UInt8 { UInt8(min((Int(a) * p + 50) / 100, 255)) }
        return TermColor(r: scale(r), g: scale(g), b: scale(b))
    }

    /// This colour lit by `light`: each channel multiplied by the light's channel / 255.
    ///
    /// White light keeps the colour, black light gives black, a torch's orange warms it.
    /// - Parameter light: The light falling on the cell.
    /// - Returns: The lit colour.
    public func lit(by light: TermColor) -> TermColor {
        func times(_ a: UInt8, _ l: UInt8) -> UInt8 { UInt8((Int(a) * Int(l) + 127) / 255) }
        return TermColor(r: times(r, light.r), g: times(g, light.g), b: times(b, light.b))
    }

    /// Light added to this colour, channel by channel, clamped to 255.
    /// - Parameter light: The colour to add.
    /// - Returns: The brighter colour.
    public func adding(_ light: TermColor) -> TermColor {
        func add(_ a: UInt8, _ l: UInt8) -> UInt8 { UInt8(min(Int(a) + Int(l), 255)) }
        return TermColor(r: add(r, light.r), g: add(g, light.g), b: add(b, light.b))
    }

    /// Perceived brightness, 0...255, from integer Rec. 601 weights.
    public var luminance: UInt8 {
        let weighted: Int = Int(r) * 299 + Int(g) * 587 + Int(b) * 114
        return UInt8((weighted + 500) / 1000)
    }

    /// This colour moved `percent` of the way towards the grey of the same brightness.
    /// - Parameter percent: 0 keeps the colour, 100 gives grey; clamped to 0...100.
    /// - Returns: The less saturated colour.
    public func desaturated(percent: Int) -> TermColor {
        let y = luminance
        return mixed(with: TermColor(r: y, g: y, b: y), percent: percent)
    }
}
