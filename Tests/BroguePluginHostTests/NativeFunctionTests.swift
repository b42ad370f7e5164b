import BrogueContent
import BroguePluginHost
import Foundation
import Testing

@Suite struct NativeFunctionTests {
    static let brewStrength = NativeDeclaration(name: "brew-strength", symbol: "alchemy_brew_strength", args: ["int32"], returns: "int32")

    @Test func theExampleNativeIsCalledThroughLibffi() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let plugin = try PluginLoader().load(library: lib, pluginID: "alchemy", natives: [Self.brewStrength])
        let native = try #require(plugin.native("brew-strength"))
        #expect(native.signature == "alchemy_brew_strength(int32) -> int32")
        #expect(try native.call([.int32(3)]) == .int32(9))
        #expect(try native.call([.int32(0)]) == .int32(5))
    }

    @Test func everyTypeRoundTripsAndNarrowIntegersAreReadAtFullWidth() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source =
            CPluginBuilder.plugin(initBody: "return BROGUE_STATUS_OK;") + """
                #include <string.h>
                BROGUE_PLUGIN_EXPORT int32_t negate32(int32_t x) { return -x; }
                BROGUE_PLUGIN_EXPORT int64_t mix64(int64_t a, int32_t b) { return a * 1000000000LL + b; }
                BROGUE_PLUGIN_EXPORT bool is_even(int64_t x) { return x % 2 == 0; }
                BROGUE_PLUGIN_EXPORT double halve(double x, bool twice) { return twice ? x / 4 : x / 2; }
                BROGUE_PLUGIN_EXPORT int32_t length(const char *s) { return (int32_t)strlen(s); }
                BROGUE_PLUGIN_EXPORT const char *greet(bool loud) { return loud ? "HELLO" : "hello"; }

                """
        let lib = try CPluginBuilder.build("natives", source: source, in: dir, cc: cc)
        let plugin = try PluginLoader().load(
            library: lib,
            pluginID: "natives",
            natives: [
                NativeDeclaration(name: "negate", symbol: "negate32", args: ["int32"], returns: "int32"),
                NativeDeclaration(name: "mix", symbol: "mix64", args: ["int64", "int32"], returns: "int64"),
                NativeDeclaration(name: "even", symbol: "is_even", args: ["int64"], returns: "bool"),
                NativeDeclaration(name: "halve", symbol: "halve", args: ["double", "bool"], returns: "double"),
                NativeDeclaration(name: "length", symbol: "length", args: ["string"], returns: "int32"),
                NativeDeclaration(name: "greet", symbol: "greet", args: ["bool"], returns: "string"),
            ]
        )
        func call(_ name: String, _ args: [NativeValue]) throws -> NativeValue { try #require(plugin.native(name)).call(args) }
        #expect(try call("negate", [.int32(5)]) == .int32(-5))
        #expect(try call("negate", [.int32(-2_147_483_647)]) == .int32(2_147_483_647))
        #expect(try call("mix", [.int64(7), .int32(-1)]) == .int64(6_999_999_999))
        #expect(try call("even", [.int64(4)]) == .bool(true))
        #expect(try call("even", [.int64(-3)]) == .bool(false))
        #expect(try call("halve", [.double(3), .bool(true)]) == .double(0.75))
        #expect(try call("length", [.string("potion")]) == .int32(6))
        #expect(try call("greet", [.bool(true)]) == .string("HELLO"))
    }

    @Test func anUnknownTypeIsRefusedAtLoad() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let bad = NativeDeclaration(name: "brew-strength", symbol: "alchemy_brew_strength", args: ["int33"], returns: "int32")
        let loader = PluginLoader()
        let error = #expect(throws: PluginError.self) { try loader.load(library: lib, pluginID: "alchemy", natives: [bad]) }
        #expect(error?.kind == .badNativeSignature)
        #expect(
            error?.message.contains("native 'brew-strength' has unknown argument 1 type 'int33'; use one of int32, int64, double, bool, string")
                == true,
            "\(error?.message ?? "")"
        )
        #expect(loader.plugins.isEmpty)
        let badReturn = NativeDeclaration(name: "brew-strength", symbol: "alchemy_brew_strength", args: ["int32"], returns: "float")
        let error2 = #expect(throws: PluginError.self) { try loader.load(library: lib, pluginID: "alchemy", natives: [badReturn]) }
        #expect(error2?.message.contains("unknown return type 'float'") == true)
    }

    @Test func aMissingSymbolIsRefusedAtLoad() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let missing = NativeDeclaration(name: "transmute", symbol: "alchemy_transmute", args: [], returns: "bool")
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "alchemy", natives: [missing]) }
        #expect(error?.kind == .missingSymbol)
        #expect(
            error?.message.contains("native 'transmute' names symbol 'alchemy_transmute', which the library does not export") == true,
            "\(error?.message ?? "")"
        )
    }

    @Test func wrongArgumentsAreRefusedAtCallTime() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let native = try #require(try PluginLoader().load(library: lib, pluginID: "alchemy", natives: [Self.brewStrength]).native("brew-strength"))
        let count = #expect(throws: PluginError.self) { try native.call([]) }
        #expect(count?.message.contains("takes 1 argument(s), got 0") == true, "\(count?.message ?? "")")
        let type = #expect(throws: PluginError.self) { try native.call([.int64(3)]) }
        #expect(type?.message.contains("argument 1 must be int32, got 3 (int64)") == true, "\(type?.message ?? "")")
    }
}
