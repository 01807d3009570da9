import Monitoring

/// A stored prediction event with the time the server received it.
///
/// `event.timestamp` is always set on the way out: an event sent without one was stored with its
/// receipt time as its event time (the convention of ``PredictionEvent/timestamp``), and windows
/// and range queries use that time.
public struct StoredPrediction: Sendable, Equatable {
    public var event: PredictionEvent
    /// Seconds since the Unix epoch; retention counts from it.
    public var receivedAt: Double
    /// The store's insertion sequence number: increasing in the order events were stored.
    public var sequence: Int64

    public init(event: PredictionEvent, receivedAt: Double, sequence: Int64) {
        self.event = event
        self.receivedAt = receivedAt
        self.sequence = sequence
    }
}
