/// Evaluates a parsed rule expression over a snapshot of series, with PromQL's instant-vector
/// semantics (Prometheus `promql/engine.go`):
///
/// - **Comparison with a number** keeps the elements for which it holds, with their value and
///   labels; with the number on the left the element's own value is kept too. With `bool`, every
///   element is kept with value 1 or 0 and loses its metric name. NaN compares unequal and
///   unordered, as in Go.
/// - **Set operators** match elements by their labels without the metric name (or by `on(…)` /
///   `ignoring(…)`): `and` keeps the left elements with a match, `unless` those without, `or` the
///   left elements and then the right ones whose labels no left element has. Left elements keep
///   their metric names.
/// - **Aggregations** group by the `by` labels (absent ones stay absent) or by all labels but the
///   `without` ones and the name; the result has only the group's labels. `sum`, `min`, `max`,
///   `avg` and `count` as PromQL computes them: `min`/`max` skip NaN unless every value is NaN,
///   `avg` is the incremental mean Prometheus uses.
///
/// Selections come in Prometheus' series order, so sums and means round as Prometheus' do;
/// aggregations list their groups in the order they first appear.
public enum RuleEvaluator {
    public static func evaluate(_ expression: RuleExpression, over snapshot: SeriesSnapshot) -> [RuleSample] {
        switch expression {
        case .selector(let selector):
            return snapshot.select(selector)
        case .number:
            // The parser only accepts numbers as one side of a comparison.
            return []
        case let .comparison(left, comparison, right, returnsBool):
            return compare(left, comparison, right, returnsBool: returnsBool, over: snapshot)
        case let .set(left, setOperator, right, matching):
            return combine(
                evaluate(left, over: snapshot), setOperator, evaluate(right, over: snapshot), matching: matching)
        case let .aggregation(operation, grouping, argument):
            return aggregate(operation, grouping: grouping, evaluate(argument, over: snapshot))
        }
    }

    private static func compare(
        _ left: RuleExpression, _ comparison: ComparisonOperator, _ right: RuleExpression, returnsBool: Bool,
        over snapshot: SeriesSnapshot
    ) -> [RuleSample] {
        let (vector, number, numberOnLeft): (RuleExpression, Double, Bool) =
            switch (left, right) {
            case (.number(let value), _): (right, value, true)
            case (_, .number(let value)): (left, value, false)
            default: (left, .nan, false)
            }
        var result: [RuleSample] = []
        for sample in evaluate(vector, over: snapshot) {
            let holds = numberOnLeft ? comparison.holds(number, sample.value) : comparison.holds(sample.value, number)
            if returnsBool {
                result.append(RuleSample(labels: sample.labels.withoutName, value: holds ? 1 : 0))
            } else if holds {
                result.append(sample)
            }
        }
        return result
    }

    private static func signature(_ labels: SeriesLabels, _ matching: VectorMatching) -> SeriesLabels {
        switch matching {
        case .allLabels: labels.withoutName
        case .on(let names): labels.keeping(Set(names))
        case .ignoring(let names): labels.removing(Set(names).union([SeriesLabels.metricName]))
        }
    }

    private static func combine(
        _ left: [RuleSample], _ setOperator: SetOperator, _ right: [RuleSample], matching: VectorMatching
    ) -> [RuleSample] {
        switch setOperator {
        case .and:
            let rightSignatures = Set(right.map { signature($0.labels, matching) })
            return left.filter { rightSignatures.contains(signature($0.labels, matching)) }
        case .unless:
            let rightSignatures = Set(right.map { signature($0.labels, matching) })
            return left.filter { !rightSignatures.contains(signature($0.labels, matching)) }
        case .or:
            let leftSignatures = Set(left.map { signature($0.labels, matching) })
            return left + right.filter { !leftSignatures.contains(signature($0.labels, matching)) }
        }
    }

    private static func aggregate(
        _ operation: AggregationOperator, grouping: AggregationGrouping, _ samples: [RuleSample]
    ) -> [RuleSample] {
        var order: [SeriesLabels] = []
        var groups: [SeriesLabels: Accumulator] = [:]
        for sample in samples {
            let key: SeriesLabels
            switch grouping {
            case .by(let names): key = sample.labels.keeping(Set(names))
            case .without(let names): key = sample.labels.removing(Set(names).union([SeriesLabels.metricName]))
            }
            if groups[key] == nil {
                order.append(key)
                groups[key] = Accumulator(first: sample.value)
            } else {
                groups[key]!.add(sample.value)
            }
        }
        return order.map { key in RuleSample(labels: key, value: groups[key]!.value(of: operation)) }
    }

    /// One group's running figures, updated as PromQL's aggregation updates them.
    private struct Accumulator {
        var count = 1
        var sum: Double
        var mean: Double
        var minimum: Double
        var maximum: Double

        init(first value: Double) {
            sum = value
            mean = value
            minimum = value
            maximum = value
        }

        mutating func add(_ value: Double) {
            count += 1
            sum += value
            updateMean(with: value)
            if minimum > value || minimum.isNaN { minimum = value }
            if maximum < value || maximum.isNaN { maximum = value }
        }

        /// The running mean, divided before subtracting so large values do not overflow; once it
        /// is infinite, only a NaN or an infinity of the other sign moves it (Prometheus' rules).
        private mutating func updateMean(with value: Double) {
            if mean.isInfinite {
                if value.isInfinite && (mean > 0) == (value > 0) { return }
                if value.isFinite { return }
            }
            mean += value / Double(count) - mean / Double(count)
        }

        func value(of operation: AggregationOperator) -> Double {
            switch operation {
            case .sum: sum
            case .min: minimum
            case .max: maximum
            case .avg: mean
            case .count: Double(count)
            }
        }
    }
}
