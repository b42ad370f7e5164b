import Testing

@testable import BrogueContent

@Suite("Content globs")
struct GlobTests {
    @Test(
        "* and ? match within one segment",
        arguments: [
            ("monsters/*.yaml", "monsters/goblin.yaml", true),
            ("monsters/*.yaml", "monsters/deep/goblin.yaml", false),
            ("monsters/*.yaml", "items/goblin.yaml", false),
            ("monsters/gob??n.yaml", "monsters/goblin.yaml", true),
            ("monsters/gob?n.yaml", "monsters/goblin.yaml", false),
            ("*.yaml", "spawns.yaml", true),
            ("spawns.yaml", "spawns.yaml", true),
            ("monsters/*-*.yaml", "monsters/goblin-mystic.yaml", true),
            ("monsters/*-*.yaml", "monsters/goblin.yaml", false),
            ("monsters/*.yaml", "monsters/.hidden.yaml", false),
        ]
    )
    func segments(pattern: String, path: String, matches: Bool) {
        #expect(Glob.matches(pattern, path: path) == matches)
    }

    @Test(
        "** matches any number of folders, but not hidden ones",
        arguments: [
            ("monsters/**/*.yaml", "monsters/goblin.yaml", true),
            ("monsters/**/*.yaml", "monsters/deep/goblins/goblin.yaml", true),
            ("**/*.yaml", "spawns.yaml", true),
            ("**/*.yaml", ".git/config.yaml", false),
            ("monsters/**", "monsters/a/b", true),
        ]
    )
    func doubleStar(pattern: String, path: String, matches: Bool) {
        #expect(Glob.matches(pattern, path: path) == matches)
    }

    @Test("a pathological pattern still matches in bounded time")
    func pathological() {
        let name = Array(String(repeating: "a", count: 5_000))
        let pattern = Array(String(repeating: "*a", count: 50) + "b")
        #expect(!Glob.matchSegment(pattern, name))
    }

    @Test(
        "globs may not leave the plugin folder",
        arguments: [
            ("", "an empty glob matches nothing"),
            ("/etc/*.yaml", "glob '/etc/*.yaml' must be relative to the plugin folder"),
            ("../other/*.yaml", "glob '../other/*.yaml' may not leave the plugin folder with '..'"),
            ("monsters//x.yaml", "glob 'monsters//x.yaml' has an empty path segment ('//' or a trailing '/')"),
            ("monsters/**.yaml", "in glob 'monsters/**.yaml', '**' must be a whole path segment"),
        ]
    )
    func problems(pattern: String, problem: String) {
        #expect(Glob.problem(in: pattern) == problem)
    }

    @Test("listing a folder skips hidden entries and sorts by bytes")
    func listing() {
        let temp = TempFolder()
        temp.write("b.yaml", "x")
        temp.write("a-b.yaml", "x")
        temp.write("a.yaml", "x")
        temp.write(".hidden/x.yaml", "x")
        temp.write("sub/c.yaml", "x")
        #expect(Glob.listFiles(in: temp.path, budget: 100) == ["a-b.yaml", "a.yaml", "b.yaml", "sub/c.yaml"])
        #expect(Glob.listFiles(in: temp.path, budget: 2) == nil)
    }
}
