/// A parsed rule expression: the PromQL subset driftwatch evaluates over its own series (design.md,
/// "Detector and rule files"). `RuleExpressionParser` builds it and checks its types, so every
/// expression it returns evaluates to an instant vector without error (`RuleEvaluator`).
public indirect enum RuleExpression: Sendable, Equatable {
    /// `name{label="value", …}`: the series with that name whose labels match.
    case selector(SeriesSelector)
    /// A number; only ever one side of a comparison.
    case number(Double)
    /// `vector > 0.3`, `0.3 < vector`, with `bool` or without (see `ComparisonOperator`).
    case comparison(RuleExpression, ComparisonOperator, RuleExpression, returnsBool: Bool)
    /// `a and b`, `a or on(model) b`, `a unless ignoring(feature) b`.
    case set(RuleExpression, SetOperator, RuleExpression, matching: VectorMatching)
    /// `max by (model) (vector)`.
    case aggregation(AggregationOperator, grouping: AggregationGrouping, RuleExpression)

    /// Whether the expression is a number rather than an instant vector.
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}

/// A vector selector: an optional metric name and label matchers.
public struct SeriesSelector: Sendable, Equatable {
    /// Every matcher the series must satisfy, the metric name as `__name__ = name` among them.
    public var matchers: [LabelMatcher]

    public init(matchers: [LabelMatcher]) {
        self.matchers = matchers
    }

    /// The metric name the selector requires, when it names one.
    public var metricName: String? {
        matchers.first { $0.name == SeriesLabels.metricName && $0.operation == .equal }?.value
    }

    /// Whether the series `labels` (its metric name as `__name__`) satisfies every matcher, a
    /// missing label counting as empty.
    public func matches(_ labels: SeriesLabels) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }
}

/// `=`, `!=`, `>`, `<`, `>=`, `<=`, evaluated on doubles as Prometheus does (NaN is unequal to
/// everything, itself included, and not ordered).
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="

    func holds(_ left: Double, _ right: Double) -> Bool {
        switch self {
        case .equal: left == right
        case .notEqual: left != right
        case .greater: left > right
        case .less: left < right
        case .greaterOrEqual: left >= right
        case .lessOrEqual: left <= right
        }
    }
}

/// PromQL's set operators between two instant vectors.
public enum SetOperator: String, Sendable {
    /// The left elements with a match on the right.
    case and
    /// The left elements, then the right elements with no match on the left.
    case or
    /// The left elements with no match on the right.
    case unless
}

/// Which labels decide that two elements of a set operation match.
public enum VectorMatching: Sendable, Equatable {
    /// All labels but the metric name (PromQL's default).
    case allLabels
    /// `on(a, b)`: only these labels.
    case on([String])
    /// `ignoring(a, b)`: all labels but these and the metric name.
    case ignoring([String])
}

/// `sum`, `min`, `max`, `avg` and `count`, as PromQL aggregates an instant vector.
public enum AggregationOperator: String, Sendable, CaseIterable {
    case sum, min, max, avg, count
}

/// The grouping of an aggregation.
public enum AggregationGrouping: Sendable, Equatable {
    /// `by (a, b)`: one output element per distinct value of these labels (absent ones stay absent).
    case by([String])
    /// `without (a, b)`: one output element per distinct set of the other labels, the metric name
    /// excluded. (No clause at all, as in `sum(x)`, is `by ()`: one element.)
    case without([String])
}
