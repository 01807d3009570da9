/// A parsed, type-checked template expression: what one action computes.
indirect enum AlertTemplateExpression: Sendable {
    case constant(GoValue)
    /// `$labels`, `.Labels`: the alert's labels.
    case labels
    /// `$value`, `.Value`: the sample value.
    case value
    /// `$labels.name`, `(…).name`: a map entry, `""` when absent (Prometheus sets Go's
    /// `missingkey=zero`, so a missing label prints nothing rather than `<no value>`).
    case field(AlertTemplateExpression, String)
    /// A function applied to its arguments, a piped value last. `pattern` is the compiled
    /// regular expression of `match`/`reReplaceAll` when their pattern is a literal.
    case call(AlertTemplateFunction, [AlertTemplateExpression], pattern: GoRegularExpression?)

    func evaluate(labels: [String: String], value: Double) throws(AlertTemplateExecutionError) -> GoValue {
        switch self {
        case .constant(let constant):
            return constant
        case .labels:
            return .map(labels)
        case .value:
            return .float(value)
        case let .field(base, name):
            guard case .map(let entries) = try base.evaluate(labels: labels, value: value) else { return .string("") }
            return .string(entries[name] ?? "")
        case let .call(function, arguments, pattern):
            var values: [GoValue] = []
            for argument in arguments { values.append(try argument.evaluate(labels: labels, value: value)) }
            return try function.apply(values, pattern: pattern)
        }
    }
}

/// A piece of a parsed template: text copied as it is, or an action whose value is printed.
enum AlertTemplateNode: Sendable {
    case text(String)
    case action(AlertTemplateExpression)
}
