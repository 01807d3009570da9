/// A template for an alert rule's labels and annotations, expanded as Prometheus expands them:
/// Go's `text/template` with Prometheus' alert data and functions (`template/template.go` and
/// `rules/alerting.go` of Prometheus 2.42, built with Go 1.19).
///
/// ```
/// let summary = try AlertTemplate("PSI for {{ $labels.feature }} is {{ $value | printf \"%.2f\" }}")
/// summary.render(labels: ["feature": "amount"], value: 0.3)   // "PSI for amount is 0.30"
/// ```
///
/// **Syntax.** Text outside `{{ }}` is copied; `{{- ` and ` -}}` trim the whitespace before and
/// after an action; `{{/* … */}}` is a comment. An action holds a pipeline of string (`"…"` with
/// Go escapes, or raw `` `…` ``), number, character and boolean literals, the variables
/// `$labels`, `$value`, `$externalLabels`, `$externalURL` (and `$`), the fields `.Labels`,
/// `.Value`, `.ExternalLabels`, `.ExternalURL`, map entries (`$labels.job`), function calls
/// `fn a b`, parenthesized pipelines and pipes `x | fn a`, where `x` becomes the last argument.
/// `{{ if p }}…{{ else if q }}…{{ else }}…{{ end }}` chooses by Go's truth (false, 0, `""` and
/// empty maps are false).
///
/// **Functions.** `humanize`, `humanize1024`, `humanizeDuration`, `humanizePercentage`,
/// `humanizeTimestamp` (numbers, or strings read as numbers), `printf`, `index` (a map and a
/// key), `toUpper`, `toLower`, `title`, `reReplaceAll`, `match`, `safeHtml`, `stripPort`,
/// `stripDomain`, and Go's `not`, `and`, `or`, `eq`, `ne`, `lt`, `le`, `gt`, `ge` (an `int`
/// literal does not compare with `$value`: write `gt $value 1.0`). Prometheus' query functions
/// (`query`, `first`, `value`, `label`, `strvalue`, `sortByLabel`) need a Prometheus server;
/// the actions `range`, `with`, `define`, `template`, `block` and variable declarations are not
/// offered. Each is a parse error naming its column. `and`/`or` return one of their arguments,
/// so here their arguments must share one type (Go lets the type vary at run time).
///
/// **Printing.** Every action prints its value as Go's `fmt.Sprint` does: `$value` 0.3 is `0.3`,
/// 1e6 is `1e+06`, 100000 is `100000`, NaN is `NaN`, +Inf is `+Inf`, negative zero `-0`; maps
/// print as `map[k:v …]`. A label that is absent prints as the empty string, because Prometheus
/// sets `missingkey=zero`.
///
/// **Failures.** Parsing refuses, besides what Go refuses, anything Prometheus could only expand
/// to an error (wrong argument types or counts, a literal pattern that does not compile, a
/// literal string `humanize` cannot read): the check happens once, offline, for every alert. What
/// can only fail for some alerts (a label value that is not a number given to `humanize`, a
/// pattern taken from a label, a timestamp beyond year 2262) makes ``render(labels:value:)``
/// return what Prometheus puts in place of the whole text:
/// `<error expanding template: error calling humanize: strconv.ParseFloat: parsing "abc": invalid syntax>`.
/// Prometheus' text also names the rule and the position (`error executing template
/// __alert_Name: template: __alert_Name:1:116: executing "__alert_Name" at <humanize "abc">: `);
/// that part is left out here.
public struct AlertTemplate: Sendable, Equatable {
    /// The template text as written.
    public let text: String
    private let nodes: [AlertTemplateNode]

    /// Which variables a template may use: an alert rule's `$labels` and `$value` (with
    /// Prometheus' `$externalLabels` and `$externalURL`), and for an action's settings also
    /// `$trigger`, the map of ``ActionTrigger/templateVariables``.
    public enum Variables: Sendable {
        case alert, action
    }

    /// Parses and type-checks `text` once; rendering then cannot fail.
    public init(_ text: String, offering variables: Variables = .alert) throws(AlertTemplateError) {
        let scalars = Array(text.unicodeScalars)
        do {
            nodes = try AlertTemplateParser.parse(scalars, offeringTrigger: variables == .action)
        } catch {
            let prefix = String(String.UnicodeScalarView(scalars[..<min(error.offset, scalars.count)]))
            throw AlertTemplateError(error.problem, column: prefix.count + 1)
        }
        self.text = text
    }

    /// The expansion for one alert: its labels (Prometheus passes the sample's labels, `__name__`
    /// included when the expression keeps it) and the sample value. A label with an empty value
    /// is no label in Prometheus' data model, so it is left out (it shows only when the whole
    /// map is printed).
    public func render(labels: [String: String], value: Double) -> String {
        render(AlertTemplateData(labels: labels, value: value))
    }

    /// The expansion of an action's setting for `trigger`: `$labels` and `$value` are the
    /// alert's, `$trigger` the trigger's ``ActionTrigger/templateVariables``.
    public func render(for trigger: ActionTrigger) -> String {
        render(AlertTemplateData(labels: trigger.labels, value: trigger.value, trigger: trigger.templateVariables))
    }

    private func render(_ data: AlertTemplateData) -> String {
        var data = data
        if data.labels.values.contains("") { data.labels = data.labels.filter { !$0.value.isEmpty } }
        var out = ""
        do {
            try Self.render(nodes, data, into: &out)
        } catch {
            return "<error expanding template: \(error.message)>"
        }
        return out
    }

    private static func render(
        _ nodes: [AlertTemplateNode], _ data: AlertTemplateData, into out: inout String
    ) throws(AlertTemplateExecutionError) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .action(let expression):
                out += GoFormat.sprint([try expression.evaluate(data)])
            case let .conditional(branches, otherwise):
                var chosen = otherwise
                for branch in branches {
                    if try branch.condition.evaluate(data).isTrue {
                        chosen = branch.body
                        break
                    }
                }
                try render(chosen, data, into: &out)
            }
        }
    }

    /// Two templates are equal when their texts are: parsing is deterministic.
    public static func == (lhs: AlertTemplate, rhs: AlertTemplate) -> Bool {
        lhs.text == rhs.text
    }
}
