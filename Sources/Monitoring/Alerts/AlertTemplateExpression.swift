/// A parsed, type-checked template expression: what one action computes.
indirect enum AlertTemplateExpression: Sendable {
    case constant(GoValue)
    /// `$labels`, `.Labels`: the alert's labels.
    case labels
    /// `$value`, `.Value`: the sample value.
    case value
    /// `$trigger`: what an action was triggered by (``ActionTrigger/templateVariables``); only
    /// action templates offer it.
    case trigger
    /// `$labels.name`, `(…).name`: a map entry, `""` when absent (Prometheus sets Go's
    /// `missingkey=zero`, so a missing label prints nothing rather than `<no value>`).
    case field(AlertTemplateExpression, String)
    /// A function applied to its arguments, a piped value last. `pattern` is the compiled
    /// regular expression of `match`/`reReplaceAll` when their pattern is a literal.
    case call(AlertTemplateFunction, [AlertTemplateExpression], pattern: GoRegularExpression?)
    /// `and`/`or`: the arguments in order until one is false (`and`) or true (`or`), which is the
    /// result, else the last one. Later arguments are not evaluated, as in Go since 1.18, so
    /// `and false (humanize $labels.text)` cannot fail.
    case logical(LogicalOperator, [AlertTemplateExpression])

    func evaluate(_ data: AlertTemplateData) throws(AlertTemplateExecutionError) -> GoValue {
        switch self {
        case .constant(let constant):
            return constant
        case .labels:
            return .map(data.labels)
        case .value:
            return .float(data.value)
        case .trigger:
            return .map(data.trigger)
        case let .field(base, name):
            guard case .map(let entries) = try base.evaluate(data) else { return .string("") }
            return .string(entries[name] ?? "")
        case let .call(function, arguments, pattern):
            var values: [GoValue] = []
            for argument in arguments { values.append(try argument.evaluate(data)) }
            return try function.apply(values, pattern: pattern)
        case let .logical(logical, arguments):
            var result = GoValue.bool(false)
            for argument in arguments {
                result = try argument.evaluate(data)
                if result.isTrue == (logical == .or) { return result }
            }
            return result
        }
    }
}

enum LogicalOperator: String, Sendable {
    case and, or
}

/// A piece of a parsed template: text copied as it is, an action whose value is printed, or an
/// `{{ if }}` with its `{{ else if }}`s and `{{ else }}`.
enum AlertTemplateNode: Sendable {
    struct Branch: Sendable {
        let condition: AlertTemplateExpression
        let body: [AlertTemplateNode]
    }

    case text(String)
    case action(AlertTemplateExpression)
    /// The body of the first branch whose condition is true (Go's truth, ``GoValue/isTrue``),
    /// else `otherwise`.
    case conditional([Branch], otherwise: [AlertTemplateNode])
}

/// What a template is expanded with: the alert's labels and value, and for action templates what
/// triggered the action.
struct AlertTemplateData: Sendable {
    var labels: [String: String]
    var value: Double
    var trigger: [String: String] = [:]
}
