/// One test of a `driftwatch rules test` file, in the shape of `promtool test rules`: input
/// series over time, and the alerts (or expression results) expected at given times.
public struct RuleTestCase: Sendable {
    /// Firing alerts of one rule expected at one time (`alert_rule_test`); pending alerts are not
    /// listed, as in promtool.
    public struct AlertCheck: Sendable {
        public var evalTime: Double
        public var alertName: String
        /// Each alert's labels without `alertname`, and its annotations.
        public var expected: [ExpectedAlert]
        public var place: SourcePlace?

        public init(evalTime: Double, alertName: String, expected: [ExpectedAlert], place: SourcePlace? = nil) {
            self.evalTime = evalTime
            self.alertName = alertName
            self.expected = expected
            self.place = place
        }
    }

    public struct ExpectedAlert: Sendable, Hashable {
        public var labels: SeriesLabels
        public var annotations: [String: String]

        public init(labels: SeriesLabels, annotations: [String: String]) {
            self.labels = labels
            self.annotations = annotations
        }
    }

    /// An expression's result expected at one time (`promql_expr_test`).
    public struct ExpressionCheck: Sendable {
        public var expression: RuleExpression
        public var text: String
        public var evalTime: Double
        public var expected: [RuleSample]
        public var place: SourcePlace?

        public init(expression: RuleExpression, text: String, evalTime: Double, expected: [RuleSample], place: SourcePlace? = nil) {
            self.expression = expression
            self.text = text
            self.evalTime = evalTime
            self.expected = expected
            self.place = place
        }
    }

    public var history: SeriesHistory
    public var alertChecks: [AlertCheck]
    public var expressionChecks: [ExpressionCheck]

    public init(history: SeriesHistory, alertChecks: [AlertCheck], expressionChecks: [ExpressionCheck]) {
        self.history = history
        self.alertChecks = alertChecks
        self.expressionChecks = expressionChecks
    }
}
