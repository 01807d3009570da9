/// One page of predictions in event-time order, and the cursor of the next page (nil at the end).
public struct PredictionPage: Sendable, Equatable {
    public var predictions: [StoredPrediction]
    public var next: PredictionCursor?

    public init(predictions: [StoredPrediction], next: PredictionCursor?) {
        self.predictions = predictions
        self.next = next
    }
}
