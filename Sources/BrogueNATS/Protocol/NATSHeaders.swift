/// A NATS header block (`NATS/1.0`): an optional status line and ordered name/value fields.
///
/// Names keep their case as written; lookups ignore case, like HTTP. A name may appear more than once.
public struct NATSHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The status code of a status message (`NATS/1.0 503`), `nil` for ordinary headers.
    public var status: Int?
    /// The text after the status code, if any (`No Messages`).
    public var statusDescription: String?
    public private(set) var fields: [Field]

    public init(_ fields: [(String, String)] = [], status: Int? = nil, statusDescription: String? = nil) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
        self.status = status
        self.statusDescription = statusDescription
    }

    /// The first value for `name`, case-insensitively; setting replaces every value of that name.
    public subscript(name: String) -> String? {
        get { values(for: name).first }
        set {
            let lower = name.lowercased()
            fields.removeAll { $0.name.lowercased() == lower }
            if let newValue { fields.append(Field(name: name, value: newValue)) }
        }
    }

    /// Every value for `name`, case-insensitively, in order.
    public func values(for name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Adds a value, keeping any earlier ones of the same name.
    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    var approximateSize: Int { fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 } }
}
