/// How many raw events a retention pass deleted.
public struct PruneOutcome: Sendable, Equatable {
    public var predictions: Int
    public var labels: Int
    public var metricSamples: Int

    public init(predictions: Int, labels: Int, metricSamples: Int = 0) {
        self.predictions = predictions
        self.labels = labels
        self.metricSamples = metricSamples
    }
}
