public import BrogueContent
import CFFI
import Foundation

/// The types a native function may take and return.
public enum NativeType: String, Sendable, CaseIterable {
    case int32, int64, double, bool, string
}

/// A value passed to or returned from a native function.
public enum NativeValue: Equatable, Sendable, CustomStringConvertible {
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case bool(Bool)
    case string(String)

    /// The type of this value.
    public var type: NativeType {
        switch self {
        case .int32: .int32
        case .int64: .int64
        case .double: .double
        case .bool: .bool
        case .string: .string
        }
    }

    public var description: String {
        switch self {
        case .int32(let v): "\(v) (int32)"
        case .int64(let v): "\(v) (int64)"
        case .double(let v): "\(v) (double)"
        case .bool(let v): "\(v) (bool)"
        case .string(let v): "\"\(v)\" (string)"
        }
    }
}

/// One entry of a plugin's `natives:` list, as plugin.yaml will declare it.
///
/// Types are kept as written so the host can refuse an unknown one with its spelling.
public typealias NativeDeclaration = PluginNative

/// A C function bound through libffi from a declaration checked at load time.
///
/// `string` arguments are passed as NUL-terminated UTF-8 valid only during the call; a `string` result
/// is copied and must point at memory the plugin keeps (a literal or a static buffer).
public final class NativeFunction: @unchecked Sendable {
    /// The declared name (without the plugin id).
    public let name: String
    /// The exported symbol.
    public let symbol: String
    /// Argument types.
    public let argumentTypes: [NativeType]
    /// Return type.
    public let returnType: NativeType
    /// For messages: plugin id and file.
    let origin: String
    private let address: UnsafeMutableRawPointer
    private let cif: UnsafeMutablePointer<ffi_cif>
    private let ffiArgTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>

    /// Checks a declaration and binds it to `symbol` in an already opened library.
    /// - Parameters:
    ///   - declaration: the name, symbol and signature.
    ///   - handle: a `dlopen` handle.
    ///   - origin: `plugin 'id' (file)`, for messages.
    /// - Throws: `PluginError` `.badNativeSignature` for an unknown type, `.missingSymbol` when the symbol is not exported.
    init(_ declaration: NativeDeclaration, handle: UnsafeMutableRawPointer, origin: String) throws(PluginError) {
        func type(_ spelling: String, _ position: String) throws(PluginError) -> NativeType {
            guard let t = NativeType(rawValue: spelling) else {
                let known = NativeType.allCases.map(\.rawValue).joined(separator: ", ")
                throw PluginError(
                    .badNativeSignature,
                    "\(origin): native '\(declaration.name)' has unknown \(position) type '\(spelling)'; use one of \(known)"
                )
            }
            return t
        }
        var argTypes: [NativeType] = []
        for (i, spelling) in declaration.args.enumerated() { argTypes.append(try type(spelling, "argument \(i + 1)")) }
        let ret = try type(declaration.returns, "return")
        guard let address = dlsym(handle, declaration.symbol) else {
            throw PluginError(
                .missingSymbol,
                "\(origin): native '\(declaration.name)' names symbol '\(declaration.symbol)', which the library does not export; "
                    + "check the spelling in plugin.yaml and that the function is not static"
            )
        }
        self.name = declaration.name
        self.symbol = declaration.symbol
        self.argumentTypes = argTypes
        self.returnType = ret
        self.origin = origin
        self.address = address
        cif = .allocate(capacity: 1)
        ffiArgTypes = .allocate(capacity: max(1, argTypes.count))
        for (i, t) in argTypes.enumerated() { ffiArgTypes[i] = Self.ffiType(t) }
        let status = cffi_prep_cif(cif, UInt32(argTypes.count), Self.ffiType(ret), ffiArgTypes)
        guard status == FFI_OK else {
            throw PluginError(
                .badNativeSignature,
                "\(origin): libffi could not prepare native '\(declaration.name)' (ffi_prep_cif status \(status.rawValue))"
            )
        }
    }

    deinit {
        cif.deallocate()
        ffiArgTypes.deallocate()
    }

    private static func ffiType(_ t: NativeType) -> UnsafeMutablePointer<ffi_type> {
        switch t {
        case .int32: cffi_type_sint32()
        case .int64: cffi_type_sint64()
        case .double: cffi_type_double()
        case .bool: cffi_type_uint8()
        case .string: cffi_type_pointer()
        }
    }

    /// The signature as declared, e.g. `alchemy_brew_strength(int32) -> int32`.
    public var signature: String {
        "\(symbol)(\(argumentTypes.map(\.rawValue).joined(separator: ", "))) -> \(returnType.rawValue)"
    }

    /// Calls the function with Swift values.
    /// - Parameters:
    ///   - args: one value per declared argument, of the declared types.
    /// - Returns: the result, of the declared return type.
    /// - Throws: `PluginError` `.badNativeCall` for a wrong count or type, or a NULL string result.
    public func call(_ args: [NativeValue]) throws(PluginError) -> NativeValue {
        guard args.count == argumentTypes.count else {
            throw PluginError(
                .badNativeCall,
                "\(origin): native '\(name)' takes \(argumentTypes.count) argument(s), got \(args.count) [\(signature)]"
            )
        }
        for (i, (value, type)) in zip(args, argumentTypes).enumerated() where value.type != type {
            throw PluginError(.badNativeCall, "\(origin): native '\(name)' argument \(i + 1) must be \(type.rawValue), got \(value) [\(signature)]")
        }
        // Each argument gets an 8-byte, 8-aligned slot: enough for every type in the set.
        let slots = UnsafeMutableRawPointer.allocate(byteCount: 8 * max(1, args.count), alignment: 8)
        let pointers = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: max(1, args.count))
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer {
            for s in strings { free(s) }
            slots.deallocate()
            pointers.deallocate()
        }
        for (i, value) in args.enumerated() {
            let slot = slots + 8 * i
            switch value {
            case .int32(let v): slot.storeBytes(of: v, as: Int32.self)
            case .int64(let v): slot.storeBytes(of: v, as: Int64.self)
            case .double(let v): slot.storeBytes(of: v, as: Double.self)
            case .bool(let v): slot.storeBytes(of: v ? 1 : 0, as: UInt8.self)
            case .string(let v):
                let c = strdup(v)!
                strings.append(c)
                slot.storeBytes(of: c, as: UnsafeMutablePointer<CChar>.self)
            }
            pointers[i] = slot
        }
        // libffi writes integer results smaller than a register as a whole ffi_arg: read it all, then narrow.
        let result = UnsafeMutableRawPointer.allocate(byteCount: max(16, MemoryLayout<ffi_arg>.size), alignment: 16)
        defer { result.deallocate() }
        result.initializeMemory(as: UInt8.self, repeating: 0, count: max(16, MemoryLayout<ffi_arg>.size))
        ffi_call(cif, unsafeBitCast(address, to: (@convention(c) () -> Void).self), result, pointers)
        switch returnType {
        case .int32: return .int32(Int32(truncatingIfNeeded: result.load(as: ffi_arg.self)))
        case .int64: return .int64(Int64(truncatingIfNeeded: result.load(as: ffi_arg.self)))
        case .bool: return .bool(UInt8(truncatingIfNeeded: result.load(as: ffi_arg.self)) != 0)
        case .double: return .double(result.load(as: Double.self))
        case .string:
            guard let p = result.load(as: UnsafePointer<CChar>?.self) else {
                throw PluginError(.badNativeCall, "\(origin): native '\(name)' returned NULL where a string was declared [\(signature)]")
            }
            return .string(String(cString: p))
        }
    }
}
