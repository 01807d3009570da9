/// An alert rule of a detector file (design.md): its expression over driftwatch's own series, how
/// long the expression must hold before the alert fires (`for`), how long a firing alert outlives
/// it (`keep_firing_for`), the labels and annotations it adds (templates, expanded per alert), and
/// the actions it triggers.
public struct AlertRule: Sendable, Equatable {
    public var name: String
    public var expression: RuleExpression
    /// The expression as written, for listings and `generatorURL`.
    public var expressionText: String
    /// `for`, in seconds.
    public var holdDuration: Double
    /// `keep_firing_for`, in seconds.
    public var keepFiringFor: Double
    /// Label name → template, expanded per alert (an empty result removes the label).
    public var labels: [String: AlertTemplate]
    /// Annotation name → template, expanded per alert.
    public var annotations: [String: AlertTemplate]
    /// Names of actions (in the same set of files) fired when an alert of this rule starts firing.
    public var actions: [String]
    /// Where the rule is defined, when it comes from a file.
    public var place: SourcePlace?

    public init(
        name: String, expression: RuleExpression, expressionText: String, holdDuration: Double = 0,
        keepFiringFor: Double = 0, labels: [String: AlertTemplate] = [:], annotations: [String: AlertTemplate] = [:],
        actions: [String] = [], place: SourcePlace? = nil
    ) {
        self.name = name
        self.expression = expression
        self.expressionText = expressionText
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
        self.actions = actions
        self.place = place
    }

    /// The alerts of one evaluation's result, as Prometheus builds them: the templates see the
    /// element's labels (its metric name as `__name__` if it kept one) as `$labels` and its value
    /// as `$value`; the alert's labels are the element's without the metric name, the expanded
    /// rule labels over them, and `alertname`.
    public func candidates(from samples: [RuleSample]) -> [AlertCandidate] {
        samples.map { sample in
            let templateLabels = sample.labels.dictionary
            let expanded = labels.mapValues { $0.render(labels: templateLabels, value: sample.value) }
            return AlertCandidate(
                labels: AlertCandidate.labels(of: sample, ruleLabels: expanded, alertName: name),
                annotations: annotations.mapValues { $0.render(labels: templateLabels, value: sample.value) },
                value: sample.value)
        }
    }
}
