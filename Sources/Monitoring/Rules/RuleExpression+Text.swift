extension RuleExpression: CustomStringConvertible {
    /// The expression in PromQL's notation (strings quoted as Go quotes them, which PromQL reads
    /// back), fully parenthesised where operators nest, so that
    /// Prometheus and `RuleExpressionParser` read it back as the same tree (the tests hand it to
    /// `promtool`).
    public var description: String {
        switch self {
        case .selector(let selector):
            return selector.description
        case .number(let value):
            return PrometheusNumber.text(value)
        case let .comparison(left, comparison, right, returnsBool):
            return "\(Self.operand(left)) \(comparison.rawValue)\(returnsBool ? " bool" : "") \(Self.operand(right))"
        case let .set(left, setOperator, right, matching):
            let modifier: String
            switch matching {
            case .allLabels: modifier = ""
            case .on(let names): modifier = " on(\(names.joined(separator: ", ")))"
            case .ignoring(let names): modifier = " ignoring(\(names.joined(separator: ", ")))"
            }
            return "\(Self.operand(left)) \(setOperator.rawValue)\(modifier) \(Self.operand(right))"
        case let .aggregation(operation, grouping, argument):
            let clause: String
            switch grouping {
            case .by(let names): clause = "by (\(names.joined(separator: ", ")))"
            case .without(let names): clause = "without (\(names.joined(separator: ", ")))"
            }
            return "\(operation.rawValue) \(clause) (\(argument))"
        }
    }

    private static func operand(_ expression: RuleExpression) -> String {
        switch expression {
        case .comparison, .set: "(\(expression))"
        case .selector, .number, .aggregation: expression.description
        }
    }
}

extension SeriesSelector: CustomStringConvertible {
    /// `name{label="value", …}`, or `{__name__="…", …}` when the name is matched otherwise.
    public var description: String {
        let name = metricName
        var shown = matchers
        if name != nil, let index = shown.firstIndex(where: { $0.name == SeriesLabels.metricName && $0.operation == .equal }) {
            shown.remove(at: index)
        }
        let inner = shown.map { "\($0.name)\($0.operation.rawValue)\(GoQuote.quote($0.value))" }.joined(separator: ", ")
        if let name, shown.isEmpty { return name }
        return (name ?? "") + "{" + inner + "}"
    }
}
