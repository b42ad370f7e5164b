/// Why a native plugin, or one of its natives, was refused; the host logs it and carries on without that plugin.
///
/// Every message names the plugin id and the library file and says what to do.
public struct PluginError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of refusal, for callers that react differently to each.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The library file does not exist.
        case missingFile
        /// `dlopen` refused the file: not a shared object, wrong architecture, missing dependency.
        case notLoadable
        /// `brogue_plugin_abi`, `brogue_plugin_init` or a declared native's symbol is not exported.
        case missingSymbol
        /// The plugin was built for a different ABI major version.
        case abiMajorMismatch
        /// The plugin was built for a newer ABI minor version than the host speaks.
        case abiMinorTooNew
        /// `brogue_plugin_init` returned a non-zero status.
        case initFailed
        /// A registration's name is already taken by this or an earlier plugin.
        case duplicateName
        /// A registration struct's `size` is smaller than the fields the host needs.
        case registrationTooSmall
        /// A registration with no name, a malformed name or a NULL callback.
        case invalidRegistration
        /// A native declaration with an unknown type.
        case badNativeSignature
        /// A native called with the wrong number or types of arguments, or that returned NULL for a string.
        case badNativeCall
    }

    /// The kind of refusal.
    public let kind: Kind
    /// The whole message, naming the plugin, the file and what to do.
    public let message: String

    /// Makes an error; the message should name the plugin and file.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
