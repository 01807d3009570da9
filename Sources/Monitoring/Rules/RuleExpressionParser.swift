/// Parses the PromQL subset of driftwatch's rules (design.md, "Detector and rule files"):
///
/// - selectors `name{label="v", label!="v", label=~"re", label!~"re"}`, or `{__name__=~"…"}`
///   without a name; at least one matcher must not match the empty value, as in Prometheus;
/// - comparison of a series with a number, `==`, `!=`, `>`, `<`, `>=`, `<=`, with or without
///   `bool`, the number on either side;
/// - `and`, `or`, `unless`, optionally with `on(…)` or `ignoring(…)`;
/// - `sum`, `min`, `max`, `avg`, `count` with `by (…)` or `without (…)` before or after the
///   argument;
/// - parentheses, `#` comments.
///
/// Precedence and associativity are PromQL's: comparisons bind tighter than `and`/`unless`, which
/// bind tighter than `or`; all are left-associative. Keywords are case-insensitive. Everything
/// else PromQL has (range selectors, functions, arithmetic, `offset`, `group_left`, …) is refused
/// with a message naming it, and the expression's types are checked here, so an expression that
/// parses always evaluates (`RuleEvaluator`). Errors carry the line and column.
public enum RuleExpressionParser {
    public static func parse(_ text: String) throws(RuleExpressionError) -> RuleExpression {
        var parser = Parser(text: text, tokens: RuleLexer.tokens(of: text))
        let expression = try parser.expression(minimumPrecedence: 0)
        guard parser.current.kind == .end else {
            throw parser.error("unexpected \(parser.current.described) after the expression", at: parser.current)
        }
        guard !expression.value.isNumber else {
            throw parser.error("the expression is a number; an alert needs series, as in 'metric > 0.3'", at: expression.start)
        }
        return expression.value
    }

    static let aggregationOperators = Set(AggregationOperator.allCases.map(\.rawValue))
    /// PromQL's other aggregations, refused by name.
    static let otherAggregations: Set<String> = [
        "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio",
    ]
    static let keywords: Set<String> = [
        "and", "or", "unless", "by", "without", "on", "ignoring", "bool", "offset", "group_left", "group_right",
    ]
}

/// An expression with the token it starts at, for messages about it.
private struct Located {
    let value: RuleExpression
    let start: RuleToken
}

private struct Parser {
    let text: String
    let tokens: [RuleToken]
    var index = 0

    init(text: String, tokens: [RuleToken]) {
        self.text = text
        self.tokens = tokens
    }

    var current: RuleToken { tokens[index] }

    mutating func advance() -> RuleToken {
        defer { if index < tokens.count - 1 { index += 1 } }
        return tokens[index]
    }

    func error(_ message: String, at token: RuleToken) -> RuleExpressionError {
        if case .invalid(let unreadable) = token.kind { return unreadable }
        let (line, column) = RuleLexer.place(of: token.offset, in: text)
        return RuleExpressionError(line: line, column: column, message: message)
    }

    mutating func expect(_ symbol: String, _ context: String) throws(RuleExpressionError) {
        guard current.isSymbol(symbol) else {
            throw error("expected '\(symbol)' \(context), got \(current.described)", at: current)
        }
        _ = advance()
    }

    /// The binary operator at the current token, with its precedence (higher binds tighter).
    private var binaryOperator: (text: String, precedence: Int)? {
        switch current.kind {
        case .identifier:
            switch current.keyword {
            case "or": return ("or", 1)
            case "and", "unless": return (current.keyword!, 2)
            default: return nil
            }
        case .symbol(let symbol):
            if ComparisonOperator(rawValue: symbol) != nil { return (symbol, 3) }
            if ["+", "-", "*", "/", "%", "^"].contains(symbol) { return (symbol, 4) }
            return nil
        default:
            return nil
        }
    }

    mutating func expression(minimumPrecedence: Int) throws(RuleExpressionError) -> Located {
        var left = try unary()
        while let (text, precedence) = binaryOperator, precedence > minimumPrecedence {
            let operatorToken = advance()
            if precedence == 4 {
                throw error("arithmetic ('\(text)') is not supported in driftwatch rules; compare series with numbers", at: operatorToken)
            }
            if let comparison = ComparisonOperator(rawValue: text) {
                let returnsBool = current.keyword == "bool"
                if returnsBool { _ = advance() }
                let right = try expression(minimumPrecedence: precedence)
                switch (left.value.isNumber, right.value.isNumber) {
                case (true, true):
                    throw error("'\(text)' compares two numbers; compare a series with a number", at: operatorToken)
                case (false, false):
                    throw error("'\(text)' compares two series; driftwatch rules compare a series with a number", at: operatorToken)
                default:
                    left = Located(value: .comparison(left.value, comparison, right.value, returnsBool: returnsBool), start: left.start)
                }
            } else {
                let setOperator = SetOperator(rawValue: text)!
                let matching = try vectorMatching()
                let right = try expression(minimumPrecedence: precedence)
                for side in [left, right] where side.value.isNumber {
                    throw error("'\(text)' needs series on both sides, not a number", at: side.start)
                }
                left = Located(value: .set(left.value, setOperator, right.value, matching: matching), start: left.start)
            }
        }
        return left
    }

    /// `on(…)` or `ignoring(…)` after a set operator, or nothing.
    private mutating func vectorMatching() throws(RuleExpressionError) -> VectorMatching {
        let matching: VectorMatching
        switch current.keyword {
        case "on":
            _ = advance()
            matching = .on(try labelList("after 'on'"))
        case "ignoring":
            _ = advance()
            matching = .ignoring(try labelList("after 'ignoring'"))
        default:
            matching = .allLabels
        }
        if let keyword = current.keyword, keyword == "group_left" || keyword == "group_right" {
            throw error("'\(keyword)' is not supported: set operators match many-to-many already", at: current)
        }
        return matching
    }

    /// A sign before a number literal; any other unary operator is arithmetic.
    private mutating func unary() throws(RuleExpressionError) -> Located {
        guard current.isSymbol("-") || current.isSymbol("+") else { return try primary() }
        let sign = advance()
        guard case .number(let value) = current.kind else {
            throw error("arithmetic ('\(sign.described)' before an expression) is not supported in driftwatch rules", at: sign)
        }
        _ = advance()
        return Located(value: .number(sign.isSymbol("-") ? -value : value), start: sign)
    }

    private mutating func primary() throws(RuleExpressionError) -> Located {
        let start = current
        switch current.kind {
        case .number(let value):
            _ = advance()
            return Located(value: .number(value), start: start)
        case .symbol("("):
            _ = advance()
            let inner = try expression(minimumPrecedence: 0)
            try expect(")", "to close the parenthesis")
            return Located(value: inner.value, start: start)
        case .symbol("{"):
            return Located(value: try selector(name: nil, start: start), start: start)
        case .identifier(let name):
            let keyword = name.lowercased()
            if RuleExpressionParser.aggregationOperators.contains(keyword) && isAggregationAhead {
                return Located(value: try aggregation(), start: start)
            }
            if RuleExpressionParser.otherAggregations.contains(keyword) && isAggregationAhead {
                throw error("aggregation '\(name)' is not supported; use sum, min, max, avg or count", at: start)
            }
            if RuleExpressionParser.keywords.contains(keyword) {
                throw error("unexpected keyword '\(name)', expected a series or a number", at: start)
            }
            _ = advance()
            if current.isSymbol("(") {
                throw error("function '\(name)' is not supported in driftwatch rules", at: start)
            }
            return Located(value: try selector(name: name, start: start), start: start)
        default:
            throw error("unexpected \(current.described), expected a series or a number", at: current)
        }
    }

    /// Whether the identifier at the current token opens an aggregation (is followed by `(`, `by`
    /// or `without`) rather than naming a metric.
    private var isAggregationAhead: Bool {
        guard index + 1 < tokens.count else { return false }
        let next = tokens[index + 1]
        return next.isSymbol("(") || next.keyword == "by" || next.keyword == "without"
    }

    private mutating func aggregation() throws(RuleExpressionError) -> RuleExpression {
        let operatorToken = advance()
        let operation = AggregationOperator(rawValue: operatorToken.keyword!)!
        var grouping = try groupingClause()
        try expect("(", "after '\(operation.rawValue)'")
        let argument = try expression(minimumPrecedence: 0)
        if current.isSymbol(",") {
            throw error("'\(operation.rawValue)' takes one argument", at: current)
        }
        try expect(")", "to close '\(operation.rawValue)('")
        if let after = try groupingClause() {
            if grouping != nil { throw error("'\(operation.rawValue)' has two grouping clauses", at: operatorToken) }
            grouping = after
        }
        if argument.value.isNumber {
            throw error("'\(operation.rawValue)' aggregates series, not a number", at: argument.start)
        }
        return .aggregation(operation, grouping: grouping ?? .by([]), argument.value)
    }

    private mutating func groupingClause() throws(RuleExpressionError) -> AggregationGrouping? {
        switch current.keyword {
        case "by":
            _ = advance()
            return .by(try labelList("after 'by'"))
        case "without":
            _ = advance()
            return .without(try labelList("after 'without'"))
        default:
            return nil
        }
    }

    /// `(a, b, …)`, a trailing comma allowed.
    private mutating func labelList(_ context: String) throws(RuleExpressionError) -> [String] {
        try expect("(", context)
        var names: [String] = []
        while !current.isSymbol(")") {
            guard case .identifier(let name) = current.kind, Self.isLabelName(name) else {
                throw error("expected a label name \(context), got \(current.described)", at: current)
            }
            names.append(name)
            _ = advance()
            if current.isSymbol(",") { _ = advance() } else { break }
        }
        try expect(")", "to close the label list")
        return names
    }

    private mutating func selector(name: String?, start: RuleToken) throws(RuleExpressionError) -> RuleExpression {
        var matchers: [LabelMatcher] = []
        if let name {
            matchers.append(LabelMatcher(name: SeriesLabels.metricName, equals: name))
        }
        if current.isSymbol("{") {
            _ = advance()
            while !current.isSymbol("}") {
                matchers.append(try matcher())
                if current.isSymbol(",") { _ = advance() } else { break }
            }
            try expect("}", "to close the label matchers")
        }
        if current.isSymbol("[") {
            throw error("range selectors ('[…]') are not supported: rules see each series' current value", at: current)
        }
        if current.keyword == "offset" || current.isSymbol("@") {
            throw error("\(current.described) is not supported: rules see each series' current value", at: current)
        }
        if name != nil, matchers.dropFirst().contains(where: { $0.name == SeriesLabels.metricName }) {
            throw error("the metric name is given twice", at: start)
        }
        guard matchers.contains(where: { !$0.matchesEmpty }) else {
            throw error("a selector needs a metric name or a matcher that does not match the empty value", at: start)
        }
        return .selector(SeriesSelector(matchers: matchers))
    }

    private mutating func matcher() throws(RuleExpressionError) -> LabelMatcher {
        let nameToken = current
        guard case .identifier(let name) = nameToken.kind, Self.isLabelName(name) else {
            throw error("expected a label name, got \(current.described)", at: current)
        }
        _ = advance()
        let operationToken = current
        guard case .symbol(let symbol) = operationToken.kind, let operation = LabelMatcher.Operation(rawValue: symbol) else {
            throw error("expected '=', '!=', '=~' or '!~' after '\(name)', got \(current.described)", at: current)
        }
        _ = advance()
        guard case .string(let value) = current.kind else {
            throw error("expected a quoted string after '\(name)\(symbol)', got \(current.described)", at: current)
        }
        let valueToken = advance()
        do {
            return try LabelMatcher(name: name, operation, value)
        } catch {
            throw self.error("invalid regular expression \"\(value)\": \(error.reason)", at: valueToken)
        }
    }

    private static func isLabelName(_ name: String) -> Bool {
        !name.contains(":")
    }
}
