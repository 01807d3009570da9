/// Why one evaluation of a rule was refused; the rule's alerts are left as they were.
public enum AlertEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two elements of the result have the same labels once the metric name is dropped and the
    /// rule's labels applied (Prometheus refuses the evaluation the same way).
    case duplicateLabels(SeriesLabels)

    public var description: String {
        switch self {
        case .duplicateLabels(let labels):
            "the result has two elements with the labels \(labels) after applying the alert's labels; "
                + "aggregate them (for example with max by (...)) or tell them apart with a label"
        }
    }
}
