/// Where a paged read of predictions by event time stopped: the last row handed out, in the
/// order (event time, insertion order). Opaque to callers; pass it back to get the next page.
public struct PredictionCursor: Sendable, Equatable {
    let eventTime: Double
    let rowID: Int64
}

/// One page of predictions in event-time order, and the cursor of the next page (nil at the end).
public struct PredictionPage: Sendable, Equatable {
    public var predictions: [StoredPrediction]
    public var next: PredictionCursor?

    public init(predictions: [StoredPrediction], next: PredictionCursor?) {
        self.predictions = predictions
        self.next = next
    }
}
