/// One element of an instant vector: a series' labels and its value at the evaluation.
public struct RuleSample: Sendable, Hashable {
    public var labels: SeriesLabels
    public var value: Double

    public init(labels: SeriesLabels, value: Double) {
        self.labels = labels
        self.value = value
    }
}
