/// The top-level keys of a prediction event line.
enum PredictionEventKey: Int, CaseIterable {
    case id, timestamp, version, features, prediction, latency

    /// The key as the line spells it.
    var spelling: StaticString {
        switch self {
        case .id: "id"
        case .timestamp: "timestamp"
        case .version: "version"
        case .features: "features"
        case .prediction: "prediction"
        case .latency: "latency_ms"
        }
    }

    var name: String { spelling.description }

    /// This key's bit in a set of keys given.
    var bit: UInt8 { 1 << rawValue }

    init?(_ key: String) {
        guard let known = Self.allCases.first(where: { $0.name == key }) else { return nil }
        self = known
    }

    /// The key spelled by `bytes` (UTF-8, no escapes), so the direct path needs no `String`.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let known = Self.allCases.first(where: { bytes.hasSameBytes(as: $0.spelling) }) else { return nil }
        self = known
    }
}

/// The fields of one prediction event line as its members are read, in either decoding path of
/// `EventBatchDecoder` (the tree of `JSONValue`s or the direct one), so both apply the same rules:
/// each key at most once, each value checked as `PredictionEvent` documents.
struct PredictionEventFields {
    private var id: String?
    private var timestamp: Double?
    private var version: String?
    private var features: [FeatureValue]?
    private var prediction: PredictionValue?
    private var latency: Double?
    /// One bit per key given so far (`PredictionEventKey.bit`).
    private var given: UInt8 = 0

    /// Records that `key` was given; throws when it was given before.
    mutating func claim(_ key: PredictionEventKey) throws(EventFieldError) {
        if given & key.bit != 0 { throw EventFields.duplicate(key.name) }
        given |= key.bit
    }

    /// Sets a field from its JSON value, after `claim(_:)`. Undeclared feature names are appended
    /// to `undeclared` (see `EventBatchDecoder.decodeFeatures`).
    mutating func set(
        _ key: PredictionEventKey, _ value: JSONValue, decoder: EventBatchDecoder, reader: JSONReader,
        undeclared: inout [String]
    ) throws(EventFieldError) {
        switch key {
        case .id:
            id = try EventFields.id(value)
        case .timestamp:
            timestamp = try EventFields.timestamp(value, reader: reader)
        case .version:
            switch value {
            case .null: version = nil
            case let .string(text): version = text
            case let .number(number) where number.isInteger: version = reader.text(of: number)
            default: throw .expected("version", "string", got: value)
            }
        case .features:
            guard case let .object(members) = value else { throw .expected("features", "object", got: value) }
            features = try decoder.decodeFeatures(members, reader: reader, undeclared: &undeclared)
        case .prediction:
            prediction = try decoder.decodePredictionValue(value, reader: reader)
        case .latency:
            switch value {
            case .null: latency = nil
            case let .number(number):
                let milliseconds = try EventFields.finite(number, field: "latency_ms", reader: reader)
                if milliseconds < 0 { throw EventFieldError("latency_ms: must not be negative") }
                latency = milliseconds
            default: throw .expected("latency_ms", "number", got: value)
            }
        }
    }

    /// Sets the features, in the schema's order, after `claim(.features)`: the direct path reads
    /// them without a `JSONValue` tree.
    mutating func setFeatures(_ values: [FeatureValue]) {
        features = values
    }

    /// The event, once every required field was given.
    func event(featureNames: [String]) throws(EventFieldError) -> PredictionEvent {
        guard let id else { throw EventFieldError("id: required") }
        guard let features else { throw EventFieldError("features: required") }
        guard let prediction else { throw EventFieldError("prediction: required") }
        return PredictionEvent(
            id: id, timestamp: timestamp, version: version, featureNames: featureNames, featureValues: features,
            prediction: prediction, latencyMs: latency)
    }
}
