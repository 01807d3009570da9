/// The kind of ground truth a model receives later: `{"type": "binary"}`.
public struct LabelSpec: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
        /// `true`/`false` or the numbers 0/1.
        case binary
        /// A class name (string) or an integer class id, kept as its literal text.
        case `class`
        /// Any finite number.
        case numeric
    }

    public var type: Kind

    public init(type: Kind) {
        self.type = type
    }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: AnyCodingKey.self)
        try object.rejectUnknownKeys(allowed: ["type"])
        let typeText = try object.requiredString("type")
        guard let type = Kind(rawValue: typeText) else {
            throw ModelSchemaError.unknownType(
                field: FieldPath.text(decoder.codingPath, "type"), value: typeText,
                allowed: Kind.allCases.map(\.rawValue))
        }
        self.type = type
    }
}
