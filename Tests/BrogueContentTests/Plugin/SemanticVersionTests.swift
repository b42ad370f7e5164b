import BrogueContent
import Testing

@Suite("Semantic versions and ranges")
struct SemanticVersionTests {
    @Test("versions parse as semver 2.0 and order by precedence")
    func precedence() throws {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0",
            "1.10.0", "2.0.0",
        ]
        let versions = try ordered.map { try #require(SemanticVersion($0)) }
        for (a, b) in zip(versions, versions.dropFirst()) { #expect(a < b, "\(a) < \(b)") }
        #expect(SemanticVersion("1.0.0+build.1") == SemanticVersion("1.0.0+build.2"))
        #expect(SemanticVersion("1.2.3-rc.1+b5")?.description == "1.2.3-rc.1+b5")
    }

    @Test("a bad version says which part is wrong")
    func problems() {
        #expect(SemanticVersion.problem(in: "1.0") == "it has 2 numbers where major.minor.patch needs 3")
        #expect(SemanticVersion.problem(in: "1.0.x") == "the patch part 'x' is not a number")
        #expect(SemanticVersion.problem(in: "1..0") == "the minor number is missing")
        #expect(SemanticVersion.problem(in: "01.0.0") == "the major number '01' has a leading zero")
        #expect(SemanticVersion.problem(in: "1.0.0-01") == "the prerelease number '01' has a leading zero")
        #expect(SemanticVersion.problem(in: "1.0.0-a..b") == "the prerelease has an empty identifier")
        #expect(SemanticVersion.problem(in: "1.0.0+") == "the build metadata has an empty identifier")
        #expect(SemanticVersion.problem(in: "99999999999.0.0") != nil)
        #expect(SemanticVersion.problem(in: "1.0.0-x-y.7+001") == nil)
    }

    @Test("ranges: comparisons, caret, tilde, any")
    func ranges() throws {
        func accepts(_ range: String, _ versions: [String]) throws -> [Bool] {
            let r = try #require(VersionRange(range))
            return try versions.map { r.contains(try #require(SemanticVersion($0))) }
        }
        #expect(try accepts("*", ["0.0.1", "9.9.9"]) == [true, true])
        #expect(try accepts("1.2.3", ["1.2.3", "1.2.4"]) == [true, false])
        #expect(try accepts(">=1.2 <2", ["1.1.9", "1.2.0", "1.9.9", "2.0.0"]) == [false, true, true, false])
        #expect(try accepts("^1.2", ["1.2.0", "1.9.0", "2.0.0", "1.1.0"]) == [true, true, false, false])
        #expect(try accepts("^0.3", ["0.3.0", "0.3.9", "0.4.0"]) == [true, true, false])
        #expect(try accepts("^0.0.3", ["0.0.3", "0.0.4"]) == [true, false])
        #expect(try accepts("~1.2", ["1.2.9", "1.3.0"]) == [true, false])
        #expect(try accepts("~1", ["1.9.0", "2.0.0"]) == [true, false])
        // A prerelease is in range only when a comparison names a prerelease of that version.
        #expect(try accepts("<2.0.0", ["2.0.0-beta", "1.9.0"]) == [false, true])
        #expect(try accepts(">=2.0.0-beta <3", ["2.0.0-rc.1", "2.0.0", "2.1.0-beta"]) == [true, true, false])
    }

    @Test("a bad range says what is wrong")
    func badRanges() {
        #expect(VersionRange.problem(in: "") == "it is empty; write \"*\" for any version")
        #expect(VersionRange.problem(in: ">=x") == "'>=x' is not a comparison like >=1.2.0, <2, ^1.4 or ~0.3")
        #expect(VersionRange.problem(in: "1.0 || 2.0")?.contains("alternatives") == true)
        #expect(VersionRange.problem(in: ">=1.0.0, <2") != nil)
        #expect(VersionRange.problem(in: "  >=1.0.0   <2 ") == nil)
    }
}
