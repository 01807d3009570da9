/// One logged prediction: a line of `POST /v1/models/{model}/predictions`.
///
/// ```json
/// {"id":"req-000123","timestamp":"2026-11-21T10:00:00.123Z","version":"7",
///  "features":{"amount":42.5,"country":"DE","is_new":true},"prediction":0.91,"latency_ms":12.4}
/// ```
/// Decoded by `EventBatchDecoder`, which validates it against the model's schema.
public struct PredictionEvent: Sendable, Equatable {
    /// Unique per prediction; joins labels and makes re-sends idempotent. Non-empty.
    public var id: String
    /// Event time in seconds since the Unix epoch; nil means "use the time of receipt", which the
    /// caller (not this pure domain layer) supplies.
    public var timestamp: Double?
    /// The model version; a JSON integer is accepted and kept as its literal text.
    public var version: String?
    /// Every declared feature (absent or null ones as `.missing`); undeclared ones are dropped and
    /// counted as schema violations.
    public var features: [String: FeatureValue]
    public var prediction: PredictionValue
    /// Serving latency in milliseconds (`latency_ms`), finite and ≥ 0.
    public var latencyMs: Double?

    public init(
        id: String, timestamp: Double? = nil, version: String? = nil, features: [String: FeatureValue],
        prediction: PredictionValue, latencyMs: Double? = nil
    ) {
        self.id = id
        self.timestamp = timestamp
        self.version = version
        self.features = features
        self.prediction = prediction
        self.latencyMs = latencyMs
    }
}
