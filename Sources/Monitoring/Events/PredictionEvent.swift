/// One logged prediction: a line of `POST /v1/models/{model}/predictions`.
///
/// ```json
/// {"id":"req-000123","timestamp":"2026-11-21T10:00:00.123Z","version":"7",
///  "features":{"amount":42.5,"country":"DE","is_new":true},"prediction":0.91,"latency_ms":12.4}
/// ```
/// Decoded by `EventBatchDecoder`, which validates it against the model's schema.
///
/// **Why features are kept as two parallel arrays.** Profiling the release server at batch 1000
/// (25 features) found about 12 % of its CPU in `String` hashing: building a `[String:
/// FeatureValue]` per event, looking each declared name up in it for the window profile, and
/// hashing the names again to encode the stored blob. So an event holds its names and values in
/// one order (`featureNames`, `featureValues`): the decoder writes them in schema order, with
/// every event of a batch sharing the schema's one names buffer, and the window profile, the
/// baseline builder and the store read the values by position once they have checked the names
/// (`hasFeatureNames(_:)`, usually a pointer comparison). `features` remains as the dictionary
/// view for everything else; events built from a dictionary keep their names sorted.
public struct PredictionEvent: Sendable, Equatable {
    /// Unique per prediction; joins labels and makes re-sends idempotent. Non-empty.
    public var id: String
    /// Event time in seconds since the Unix epoch; nil means "use the time of receipt", which the
    /// caller (not this pure domain layer) supplies.
    public var timestamp: Double?
    /// The model version; a JSON integer is accepted and kept as its literal text.
    public var version: String?
    /// The feature names, distinct: the schema's order for decoded events, ascending for events
    /// built from a dictionary.
    public private(set) var featureNames: [String]
    /// The value of each of `featureNames`, at the same position.
    public private(set) var featureValues: [FeatureValue]
    public var prediction: PredictionValue
    /// Serving latency in milliseconds (`latency_ms`), finite and ≥ 0.
    public var latencyMs: Double?

    public init(
        id: String, timestamp: Double? = nil, version: String? = nil, features: [String: FeatureValue],
        prediction: PredictionValue, latencyMs: Double? = nil
    ) {
        (featureNames, featureValues) = Self.ordered(features)
        self.id = id
        self.timestamp = timestamp
        self.version = version
        self.prediction = prediction
        self.latencyMs = latencyMs
    }

    /// An event whose features are `names[i]` → `values[i]`; the caller guarantees the names are
    /// distinct and the counts equal (the decoder passes the schema's names).
    init(
        id: String, timestamp: Double?, version: String?, featureNames names: [String], featureValues values: [FeatureValue],
        prediction: PredictionValue, latencyMs: Double?
    ) {
        self.id = id
        self.timestamp = timestamp
        self.version = version
        featureNames = names
        featureValues = values
        self.prediction = prediction
        self.latencyMs = latencyMs
    }

    /// Every declared feature (absent or null ones as `.missing`); undeclared ones are dropped and
    /// counted as schema violations. Built on each read: hot paths use `featureValues`.
    public var features: [String: FeatureValue] {
        get { Dictionary(zip(featureNames, featureValues), uniquingKeysWith: { first, _ in first }) }
        set { (featureNames, featureValues) = Self.ordered(newValue) }
    }

    /// Whether the event's features are exactly `names`, in that order, so that `featureValues[i]`
    /// is the value of `names[i]`. Costs a pointer comparison when both share one buffer (events
    /// from one decoder), else a `String` comparison per name.
    public func hasFeatureNames(_ names: [String]) -> Bool {
        guard featureNames.count == names.count else { return false }
        let shared = featureNames.withUnsafeBufferPointer { mine in
            names.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
        return shared || featureNames == names
    }

    /// Equal when every field is, features compared as a name → value mapping, whatever their order.
    public static func == (lhs: PredictionEvent, rhs: PredictionEvent) -> Bool {
        guard lhs.id == rhs.id, lhs.timestamp == rhs.timestamp, lhs.version == rhs.version,
            lhs.prediction == rhs.prediction, lhs.latencyMs == rhs.latencyMs,
            lhs.featureNames.count == rhs.featureNames.count
        else { return false }
        if lhs.hasFeatureNames(rhs.featureNames) { return lhs.featureValues == rhs.featureValues }
        return lhs.features == rhs.features
    }

    private static func ordered(_ features: [String: FeatureValue]) -> ([String], [FeatureValue]) {
        let sorted = features.sorted { $0.key < $1.key }
        return (sorted.map(\.key), sorted.map(\.value))
    }
}
