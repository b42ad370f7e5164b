/// The JSON of `CONNECT`: no +OK for every command, headers and no-responders on, the credentials if any.
struct NATSConnectRequest: Encodable {
    var verbose = false
    var pedantic = false
    var tlsRequired = false
    var name: String
    var lang = "swift"
    var version = "0.1.0"
    var `protocol` = 1
    var echo = true
    var headers = true
    var noResponders = true
    var user: String?
    var pass: String?
    var authToken: String?

    enum CodingKeys: String, CodingKey {
        case verbose
        case pedantic
        case tlsRequired = "tls_required"
        case name
        case lang
        case version
        case `protocol`
        case echo
        case headers
        case noResponders = "no_responders"
        case user
        case pass
        case authToken = "auth_token"
    }
}
