import HTTPTypes

extension HTTPField.Name {
    /// The de-facto header in which reverse proxies pass on the client's address.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
