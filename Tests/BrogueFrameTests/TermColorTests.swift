import BrogueFrame
import Foundation
import Testing

@Suite struct TermColorTests {
    @Test func packsAndUnpacksRGB() {
        let orange = TermColor(rgb: 0xFF8000)
        #expect(orange == TermColor(r: 255, g: 128, b: 0))
        #expect(orange.rgb == 0xFF8000)
        #expect(orange.description == "#ff8000")
    }

    @Test func parsesHexAndRejectsAnythingElse() {
        #expect(TermColor(hex: "#FF8000") == TermColor(rgb: 0xFF8000))
        #expect(TermColor(hex: "#0a0b0c") == TermColor(r: 10, g: 11, b: 12))
        for bad in ["", "#", "ff8000", "#ff800", "#ff80000", "#gg0000", "#ff 000"] {
            #expect(TermColor(hex: bad) == nil, "\(bad)")
        }
    }

    @Test func mixesInIntegersWithRounding() {
        #expect(TermColor.white.mixed(with: .black, percent: 0) == .white)
        #expect(TermColor.white.mixed(with: .black, percent: 100) == .black)
        #expect(TermColor.white.mixed(with: .black, percent: 50) == TermColor(r: 128, g: 128, b: 128))
        #expect(TermColor(r: 100, g: 0, b: 200).mixed(with: .black, percent: 60) == TermColor(r: 40, g: 0, b: 80))
        #expect(TermColor.red.mixed(with: .blue, percent: 250) == .blue, "percent is clamped")
        #expect(TermColor.red.mixed(with: .blue, percent: -5) == .red, "percent is clamped")
    }

    @Test func scalesAndClamps() {
        #expect(TermColor(r: 200, g: 100, b: 0).scaled(percent: 50) == TermColor(r: 100, g: 50, b: 0))
        #expect(TermColor(r: 200, g: 100, b: 0).scaled(percent: 150) == TermColor(r: 255, g: 150, b: 0))
        #expect(TermColor.white.scaled(percent: -10) == .black)
    }

    @Test func lightMultipliesAndAdds() {
        let wall = TermColor(r: 120, g: 100, b: 80)
        #expect(wall.lit(by: .white) == wall)
        #expect(wall.lit(by: .black) == .black)
        #expect(wall.lit(by: TermColor(r: 255, g: 128, b: 0)) == TermColor(r: 120, g: 50, b: 0))
        #expect(wall.adding(TermColor(r: 200, g: 10, b: 0)) == TermColor(r: 255, g: 110, b: 80))
    }

    @Test func desaturatesTowardsGreyOfTheSameBrightness() {
        #expect(TermColor.white.luminance == 255)
        #expect(TermColor.black.luminance == 0)
        #expect(TermColor.red.luminance == 76)
        #expect(TermColor.red.desaturated(percent: 100) == TermColor(r: 76, g: 76, b: 76))
        #expect(TermColor.red.desaturated(percent: 0) == .red)
    }

    @Test func codesAsHexString() throws {
        let data = try JSONEncoder().encode([TermColor(rgb: 0x12ABEF)])
        #expect(String(decoding: data, as: UTF8.self) == ##"["#12abef"]"##)
        #expect(try JSONDecoder().decode([TermColor].self, from: data) == [TermColor(rgb: 0x12ABEF)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TermColor].self, from: Data(#"["red"]"#.utf8))
        }
    }
}
