/// The functions an alert template can call: Prometheus' own (`template/template.go`) that need
/// no server, and the Go builtins `printf`, `index`, `not` and the comparisons `eq`, `ne`, `lt`,
/// `le`, `gt`, `ge` (``GoComparison``). `and` and `or`, which Go evaluates lazily, are
/// ``AlertTemplateExpression/logical(_:_:)``.
///
/// Argument types are checked when the template is parsed, since every expression's type is
/// known then; Go checks them when the template runs, and Prometheus renders the failure as the
/// whole annotation (`<error expanding template: …>`) whatever the alert. What can only fail for
/// some data (a label that is not a number given to `humanize`, a pattern taken from a label)
/// fails at render time the way Prometheus shows it.
enum AlertTemplateFunction: String, Sendable {
    case humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp
    case printf, index, toUpper, toLower, title, reReplaceAll, match, safeHtml, stripPort, stripDomain
    case not, eq, ne, lt, le, gt, ge

    /// Prometheus' functions over query results.
    static let needingServer: Set<String> = ["query", "first", "value", "label", "strvalue", "sortByLabel"]

    /// Other functions of Prometheus' templates and Go's builtins, not offered here.
    static let unsupported: Set<String> = [
        "args", "graphLink", "tableLink", "pathPrefix", "externalURL", "toTime", "parseDuration",
        "call", "html", "js", "urlquery", "len", "slice", "print", "println",
    ]

    /// A wrong argument found when checking types: which one (1-based; 0 for the count) and
    /// what is wrong.
    struct ArgumentProblem: Error, Sendable {
        let position: Int
        let problem: AlertTemplateError.Problem
    }

    /// The result type for these argument types (the piped value last), or why Go would fail.
    func resultType(for arguments: [GoType]) throws(ArgumentProblem) -> GoType {
        switch self {
        case .humanize, .humanize1024, .humanizeDuration, .humanizePercentage, .humanizeTimestamp:
            try expectCount(arguments, 1)
            guard [.float, .int, .string].contains(arguments[0]) else {
                throw wrongType(1, "a number or a numeric string", arguments[0])
            }
            return .string
        case .printf:
            guard !arguments.isEmpty else {
                throw ArgumentProblem(position: 0, problem: .wrongArgumentCount(function: rawValue, expected: "at least 1", got: 0))
            }
            guard arguments[0] == .string else { throw wrongType(1, "a string (the format)", arguments[0]) }
            return .string
        case .index:
            try expectCount(arguments, 2)
            guard arguments[0] == .map else { throw wrongType(1, "a map such as $labels", arguments[0]) }
            guard arguments[1] == .string else { throw wrongType(2, "a string (the key)", arguments[1]) }
            return .string
        case .toUpper, .toLower, .title, .safeHtml, .stripPort, .stripDomain:
            try expectStrings(arguments, 1)
            return self == .safeHtml ? .html : .string
        case .reReplaceAll:
            try expectStrings(arguments, 3)
            return .string
        case .match:
            try expectStrings(arguments, 2)
            return .bool
        case .not:
            try expectCount(arguments, 1)
            return .bool
        case .eq, .ne, .lt, .le, .gt, .ge:
            if self != .eq {
                try expectCount(arguments, 2)
            } else if arguments.count < 2 {
                throw ArgumentProblem(
                    position: 0, problem: .wrongArgumentCount(function: rawValue, expected: "at least 2", got: arguments.count))
            }
            let ordered = self != .eq && self != .ne
            guard let kind = GoComparison.kind(of: arguments[0]), !(ordered && kind == .bool) else {
                throw wrongType(1, ordered ? "a number or a string" : "a bool, number or string", arguments[0])
            }
            for (offset, type) in arguments.enumerated().dropFirst() where GoComparison.kind(of: type) != kind {
                throw wrongType(offset + 1, "comparable with argument 1 (\(arguments[0].goName))", type)
            }
            return .bool
        }
    }

    /// The result for these arguments, whose types ``resultType(for:)`` accepted. `pattern` is
    /// the compiled first argument of `match` and `reReplaceAll` when it was a literal.
    func apply(_ arguments: [GoValue], pattern: GoRegularExpression?) throws(AlertTemplateExecutionError) -> GoValue {
        switch self {
        case .humanize: return .string(PrometheusHumanize.humanize(try number(arguments[0])))
        case .humanize1024: return .string(PrometheusHumanize.humanize1024(try number(arguments[0])))
        case .humanizeDuration: return .string(PrometheusHumanize.humanizeDuration(try number(arguments[0])))
        case .humanizePercentage: return .string(PrometheusHumanize.humanizePercentage(try number(arguments[0])))
        case .humanizeTimestamp:
            switch PrometheusHumanize.humanizeTimestamp(try number(arguments[0])) {
            case .success(let text): return .string(text)
            case .failure(let overflow): throw failure(overflow.message)
            }
        case .printf:
            return .string(GoFormat.sprintf(string(arguments[0]), Array(arguments.dropFirst())))
        case .index:
            guard case .map(let labels) = arguments[0] else { return .string("") }
            return .string(labels[string(arguments[1])] ?? "")
        case .toUpper: return .string(GoCaseMapping.upper(string(arguments[0])))
        case .toLower: return .string(GoCaseMapping.lower(string(arguments[0])))
        case .title: return .string(GoCaseMapping.title(string(arguments[0])))
        case .safeHtml: return .html(string(arguments[0]))
        case .stripPort: return .string(GoHostPort.stripPort(string(arguments[0])))
        case .stripDomain: return .string(GoHostPort.stripDomain(string(arguments[0])))
        case .reReplaceAll:
            let expression = try compiled(pattern, arguments[0])
            return .string(expression.replacingAll(in: string(arguments[2]), with: string(arguments[1])))
        case .match:
            let expression = try compiled(pattern, arguments[0])
            return .bool(expression.matches(string(arguments[1])))
        case .not: return .bool(!arguments[0].isTrue)
        case .eq: return .bool(GoComparison.equal(arguments[0], arguments.dropFirst()))
        case .ne: return .bool(!GoComparison.equal(arguments[0], arguments[1]))
        case .lt: return .bool(GoComparison.less(arguments[0], arguments[1]))
        case .le: return .bool(GoComparison.less(arguments[0], arguments[1]) || GoComparison.equal(arguments[0], arguments[1]))
        case .gt: return .bool(!(GoComparison.less(arguments[0], arguments[1]) || GoComparison.equal(arguments[0], arguments[1])))
        case .ge: return .bool(!GoComparison.less(arguments[0], arguments[1]))
        }
    }

    /// Prometheus' `convertToFloat`: a float as it is, an int converted, a string parsed.
    private func number(_ value: GoValue) throws(AlertTemplateExecutionError) -> Double {
        switch value {
        case .float(let number): return number
        case .int(let number): return Double(number)
        case .string(let text):
            switch GoParseFloat.parse(text) {
            case .success(let number): return number
            case .failure(let failure): throw self.failure(failure.message)
            }
        case .bool, .map, .html:
            throw failure("can't convert \(value.type.goName) to float")
        }
    }

    private func string(_ value: GoValue) -> String {
        switch value {
        case .string(let text), .html(let text): return text
        case .float, .int, .bool, .map: return ""
        }
    }

    /// The literal pattern compiled at parse time, or the pattern value compiled now. Go's
    /// `MustCompile` (behind `reReplaceAll`) adds `regexp: Compile(…)` to the error.
    private func compiled(_ literal: GoRegularExpression?, _ pattern: GoValue) throws(AlertTemplateExecutionError) -> GoRegularExpression {
        if let literal { return literal }
        let text = string(pattern)
        do {
            return try GoRegularExpression(text)
        } catch {
            let parsing = "error parsing regexp: " + error.reason
            guard self == .reReplaceAll else { throw failure(parsing) }
            let quoted = GoQuote.canBackquote(text) ? "`" + text + "`" : GoQuote.quote(text)
            throw failure("regexp: Compile(\(quoted)): " + parsing)
        }
    }

    private func failure(_ message: String) -> AlertTemplateExecutionError {
        AlertTemplateExecutionError(message: "error calling \(rawValue): \(message)")
    }

    private func expectCount(_ arguments: [GoType], _ count: Int) throws(ArgumentProblem) {
        guard arguments.count == count else {
            throw ArgumentProblem(position: 0, problem: .wrongArgumentCount(function: rawValue, expected: String(count), got: arguments.count))
        }
    }

    private func expectStrings(_ arguments: [GoType], _ count: Int) throws(ArgumentProblem) {
        try expectCount(arguments, count)
        for (offset, type) in arguments.enumerated() where type != .string {
            throw wrongType(offset + 1, "a string", type)
        }
    }

    private func wrongType(_ position: Int, _ expected: String, _ got: GoType) -> ArgumentProblem {
        ArgumentProblem(position: position, problem: .wrongArgumentType(function: rawValue, position: position, expected: expected, got: got.goName))
    }
}

/// A failure while rendering, in Go's words after Prometheus' `error calling <function>: `.
struct AlertTemplateExecutionError: Error, Sendable, Equatable {
    let message: String
}
