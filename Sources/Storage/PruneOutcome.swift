/// How many raw events a retention pass deleted.
public struct PruneOutcome: Sendable, Equatable {
    public var predictions: Int
    public var labels: Int

    public init(predictions: Int, labels: Int) {
        self.predictions = predictions
        self.labels = labels
    }
}
