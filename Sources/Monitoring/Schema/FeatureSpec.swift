/// The kind of values a feature holds, as declared in a model schema.
public enum FeatureType: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Finite JSON numbers.
    case numeric
    /// Strings; JSON numbers are accepted too and kept as their literal text (`7`, `1.50`).
    case categorical
    /// JSON `true` / `false` only.
    case boolean
}

/// One declared input feature: `{"name": "amount", "type": "numeric"}`.
public struct FeatureSpec: Sendable, Equatable, Hashable, Codable {
    /// Any non-empty string of at most 256 characters; it becomes a Prometheus label value, which
    /// can hold any text once escaped.
    public var name: String
    public var type: FeatureType

    public init(name: String, type: FeatureType) {
        self.name = name
        self.type = type
    }

    /// Rejects keys other than `name` and `type`, and names the field of every error.
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: AnyCodingKey.self)
        try object.rejectUnknownKeys(allowed: ["name", "type"])
        name = try object.requiredString("name")
        let typeText = try object.requiredString("type")
        guard let type = FeatureType(rawValue: typeText) else {
            throw ModelSchemaError.unknownType(
                field: FieldPath.text(decoder.codingPath, "type"), value: typeText,
                allowed: FeatureType.allCases.map(\.rawValue))
        }
        self.type = type
    }
}
