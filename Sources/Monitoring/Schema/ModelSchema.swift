import Foundation

/// A model's declared inputs, outputs, labels and window: the body of `PUT /v1/models/{model}`.
///
/// ```json
/// {"features":[{"name":"amount","type":"numeric"},{"name":"country","type":"categorical"}],
///  "prediction":{"type":"class","classes":["fraud","ok"]},
///  "label":{"type":"binary"}, "window":"1h"}
/// ```
/// Rules (each violation is a `ModelSchemaError` naming its field):
/// - at least one feature; names non-empty, at most 256 characters, unique (exact comparison);
/// - types from their enumerations; `classes` required (≥ 2, unique, non-empty names) for `class`
///   and `probabilities` predictions and refused for `score` and `regression`;
/// - `label` optional (without it, label events are refused);
/// - `window` optional, `1h` when absent; a duration > 0 or `{"rows": N}` with N ≥ 1;
/// - an unknown key anywhere is refused, so a mistyped key is never silently ignored.
public struct ModelSchema: Sendable, Equatable, Codable {
    public var features: [FeatureSpec]
    public var prediction: PredictionSpec
    public var label: LabelSpec?
    public var window: WindowSpec

    /// The window of a schema that names none.
    public static let defaultWindow = WindowSpec.duration(seconds: 3600)

    public init(
        features: [FeatureSpec], prediction: PredictionSpec, label: LabelSpec? = nil,
        window: WindowSpec = ModelSchema.defaultWindow
    ) throws(ModelSchemaError) {
        self.features = features
        self.prediction = prediction
        self.label = label
        self.window = window
        try validate()
    }

    /// Decodes and validates a schema from JSON bytes, turning every failure into a
    /// `ModelSchemaError` that names the field.
    public static func decode(json: Data) throws(ModelSchemaError) -> ModelSchema {
        do {
            return try JSONDecoder().decode(ModelSchema.self, from: json)
        } catch let error as ModelSchemaError {
            throw error
        } catch let error as DecodingError {
            throw ModelSchemaError(error)
        } catch {
            throw .malformedJSON(String(describing: error))
        }
    }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: AnyCodingKey.self)
        try object.rejectUnknownKeys(allowed: ["features", "prediction", "label", "window"])
        guard object.contains(AnyCodingKey("features")) else { throw ModelSchemaError.missingField(field: "features") }
        guard object.contains(AnyCodingKey("prediction")) else { throw ModelSchemaError.missingField(field: "prediction") }
        features = try object.decode([FeatureSpec].self, forKey: AnyCodingKey("features"))
        prediction = try object.decode(PredictionSpec.self, forKey: AnyCodingKey("prediction"))
        label = try object.decodeIfPresent(LabelSpec.self, forKey: AnyCodingKey("label"))
        window = try object.decodeIfPresent(WindowSpec.self, forKey: AnyCodingKey("window")) ?? Self.defaultWindow
        try validate()
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: AnyCodingKey.self)
        try object.encode(features, forKey: AnyCodingKey("features"))
        try object.encode(prediction, forKey: AnyCodingKey("prediction"))
        try object.encodeIfPresent(label, forKey: AnyCodingKey("label"))
        try object.encode(window, forKey: AnyCodingKey("window"))
    }

    /// Checks the rules listed on the type; the first violation found is thrown.
    public func validate() throws(ModelSchemaError) {
        if features.isEmpty { throw .noFeatures }
        var firstIndex: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let field = "features[\(index)].name"
            try Self.checkName(feature.name, field: field)
            if let first = firstIndex[feature.name] {
                throw .duplicateName(field: field, name: feature.name, firstField: "features[\(first)].name")
            }
            firstIndex[feature.name] = index
        }
        switch prediction.type {
        case .class, .probabilities:
            guard let classes = prediction.classes else {
                throw .classesRequired(field: "prediction.classes", predictionType: prediction.type.rawValue)
            }
            if classes.count < 2 { throw .tooFewClasses(field: "prediction.classes") }
            var firstClass: [String: Int] = [:]
            for (index, name) in classes.enumerated() {
                let field = "prediction.classes[\(index)]"
                try Self.checkName(name, field: field)
                if let first = firstClass[name] {
                    throw .duplicateName(field: field, name: name, firstField: "prediction.classes[\(first)]")
                }
                firstClass[name] = index
            }
        case .score, .regression:
            if prediction.classes != nil {
                throw .classesNotAllowed(field: "prediction.classes", predictionType: prediction.type.rawValue)
            }
        }
        do {
            try window.validate()
        } catch {
            throw .invalidWindow(field: "window", error)
        }
    }

    private static func checkName(_ name: String, field: String) throws(ModelSchemaError) {
        if name.isEmpty { throw .emptyName(field: field) }
        let length = name.unicodeScalars.count
        if length > ModelSchemaError.maximumNameLength { throw .nameTooLong(field: field, length: length) }
    }
}

extension ModelSchemaError {
    /// Maps Foundation's decoding errors to the field they concern.
    init(_ error: DecodingError) {
        switch error {
        case let .typeMismatch(type, context):
            self = .wrongType(field: FieldPath.text(context.codingPath), expected: Self.spell(type))
        case let .valueNotFound(type, context):
            self = .wrongType(field: FieldPath.text(context.codingPath), expected: Self.spell(type))
        case let .keyNotFound(key, context):
            self = .missingField(field: FieldPath.text(context.codingPath, key.stringValue))
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                self = .malformedJSON(context.debugDescription)
            } else {
                self = .wrongType(field: FieldPath.text(context.codingPath), expected: context.debugDescription)
            }
        @unknown default:
            self = .malformedJSON(String(describing: error))
        }
    }

    private static func spell(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "an integer" }
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.hasPrefix("[") || name.contains("UnkeyedDecodingContainer") { return "an array" }
        if type == Double.self { return "a number" }
        return "an object"
    }
}
