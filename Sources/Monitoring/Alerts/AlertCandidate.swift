/// An element of a rule's result with its alert labels and annotations expanded: what one
/// evaluation hands to `AlertRuleState`.
public struct AlertCandidate: Sendable, Equatable {
    /// The element's labels without the metric name, the rule's labels over them, and `alertname`.
    public var labels: SeriesLabels
    public var annotations: [String: String]
    public var value: Double

    public init(labels: SeriesLabels, annotations: [String: String], value: Double) {
        self.labels = labels
        self.annotations = annotations
        self.value = value
    }

    /// An alert's labels for a result element, as Prometheus builds them: the element's labels
    /// without the metric name, then the rule's (expanded) labels over them, then `alertname`.
    public static func labels(of sample: RuleSample, ruleLabels: [String: String], alertName: String) -> SeriesLabels {
        var labels = sample.labels.withoutName
        for (name, value) in ruleLabels { labels[name] = value }
        labels["alertname"] = alertName
        return labels
    }
}
