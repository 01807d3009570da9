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
    /// Label name → template source.
    public var labels: [String: String]
    /// Annotation name → template source.
    public var annotations: [String: String]
    /// Names of actions (in the same set of files) fired when an alert of this rule starts firing.
    public var actions: [String]
    /// Where the rule is defined, when it comes from a file.
    public var place: SourcePlace?

    public init(
        name: String, expression: RuleExpression, expressionText: String, holdDuration: Double = 0,
        keepFiringFor: Double = 0, labels: [String: String] = [:], annotations: [String: String] = [:],
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
}
