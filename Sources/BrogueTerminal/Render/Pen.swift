import BrogueFrame

/// A colour as it is written for one colour mode, so two colours that the terminal would
/// show the same (in 256 colours) compare equal and cost no escape sequence.
enum Paint: Hashable {
    case rgb(TermColor)
    case indexed(UInt8)

    init(_ color: TermColor, mode: ColorMode) {
        switch mode {
        case .trueColor: self = .rgb(color)
        case .palette256: self = .indexed(Palette256.index(for: color))
        }
    }

    /// Appends the SGR parameters for this paint: 38 for the foreground, 48 for the background.
    func appendParameters(selector: Int, to bytes: inout [UInt8]) {
        ControlSequence.appendDecimal(selector, to: &bytes)
        switch self {
        case .rgb(let color):
            bytes += [UInt8(ascii: ";"), UInt8(ascii: "2")]
            for channel in [color.r, color.g, color.b] {
                bytes.append(UInt8(ascii: ";"))
                ControlSequence.appendDecimal(Int(channel), to: &bytes)
            }
        case .indexed(let index):
            bytes += [UInt8(ascii: ";"), UInt8(ascii: "5"), UInt8(ascii: ";")]
            ControlSequence.appendDecimal(Int(index), to: &bytes)
        }
    }
}

/// The graphic rendition the terminal is drawing with: what SGR last set.
struct Pen: Hashable {
    var fg: Paint
    var bg: Paint
    var bold: Bool

    /// Appends the shortest SGR that takes the terminal from `current` to this pen:
    /// nothing when they match, only the changed parameters otherwise, and a full reset
    /// with every parameter when `current` is unknown.
    func appendTransition(from current: Pen?, to bytes: inout [UInt8]) {
        guard let current else {
            bytes += ControlSequence.csi
            bytes.append(UInt8(ascii: "0"))
            if bold { bytes += [UInt8(ascii: ";"), UInt8(ascii: "1")] }
            bytes.append(UInt8(ascii: ";"))
            fg.appendParameters(selector: 38, to: &bytes)
            bytes.append(UInt8(ascii: ";"))
            bg.appendParameters(selector: 48, to: &bytes)
            bytes.append(UInt8(ascii: "m"))
            return
        }
        guard current != self else { return }
        bytes += ControlSequence.csi
        var first = true
        func separate() {
            if !first { bytes.append(UInt8(ascii: ";")) }
            first = false
        }
        if bold != current.bold {
            separate()
            if bold {
                bytes.append(UInt8(ascii: "1"))
            } else {
                ControlSequence.appendDecimal(22, to: &bytes)
            }
        }
        if fg != current.fg {
            separate()
            fg.appendParameters(selector: 38, to: &bytes)
        }
        if bg != current.bg {
            separate()
            bg.appendParameters(selector: 48, to: &bytes)
        }
        bytes.append(UInt8(ascii: "m"))
    }
}
