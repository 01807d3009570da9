/// What a model outputs, as declared in its schema: `{"type": "class", "classes": ["a", "b"]}`.
public struct PredictionSpec: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
        /// Any finite number (a probability, a logit or a margin): only its order matters for
        /// ROC AUC, so it is not confined to [0, 1].
        case score
        /// One of `classes`, as a string.
        case `class`
        /// Any finite number.
        case regression
        /// `{"class": probability}` over `classes`, each in [0, 1], summing to 1 within 1e-6.
        case probabilities
    }

    public var type: Kind
    /// Required (≥ 2 distinct names) for `class` and `probabilities`; not allowed otherwise.
    public var classes: [String]?

    public init(type: Kind, classes: [String]? = nil) {
        self.type = type
        self.classes = classes
    }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: AnyCodingKey.self)
        try object.rejectUnknownKeys(allowed: ["type", "classes"])
        let typeText = try object.requiredString("type")
        guard let type = Kind(rawValue: typeText) else {
            throw ModelSchemaError.unknownType(
                field: FieldPath.text(decoder.codingPath, "type"), value: typeText,
                allowed: Kind.allCases.map(\.rawValue))
        }
        self.type = type
        let classesKey = AnyCodingKey("classes")
        if object.contains(classesKey), !((try? object.decodeNil(forKey: classesKey)) ?? false) {
            var list = try object.nestedUnkeyedContainer(forKey: classesKey)
            var classes: [String] = []
            while !list.isAtEnd {
                guard let name = try? list.decode(String.self) else {
                    throw ModelSchemaError.wrongType(
                        field: FieldPath.text(decoder.codingPath, "classes[\(classes.count)]"), expected: "a string")
                }
                classes.append(name)
            }
            self.classes = classes
        } else {
            classes = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: AnyCodingKey.self)
        try object.encode(type, forKey: AnyCodingKey("type"))
        try object.encodeIfPresent(classes, forKey: AnyCodingKey("classes"))
    }
}
