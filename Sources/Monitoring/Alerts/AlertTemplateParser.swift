/// Turns a template's text into nodes, following Go's `text/template` grammar for the subset alert
/// templates use, and gives every expression its Go type.
///
/// An action is a pipeline, or `if`/`else`/`else if`/`end` around one. A pipeline is commands
/// separated by `|`, each a function name with its arguments or a single operand, the value of
/// each command passed as the last argument of the next. Operands are literals, `$`-variables,
/// `.`-fields, field chains (`$labels.job`) and parenthesized pipelines.
///
/// The alert data is Prometheus' (`template.AlertTemplateData`): `.Labels`, `.Value`,
/// `.ExternalLabels` and `.ExternalURL`, with the variables `$labels`, `$value`,
/// `$externalLabels` and `$externalURL` that Prometheus declares in front of every alert
/// template. driftwatch has no external labels or URL, so those are an empty map and an empty
/// string, as in a Prometheus started without `external_labels` and `--web.external-url`.
struct AlertTemplateParser {
    typealias Failure = AlertTemplateLexer.Failure

    static func parse(_ scalars: [Unicode.Scalar], offeringTrigger: Bool = false) throws(Failure) -> [AlertTemplateNode] {
        var tree = TreeBuilder()
        for segment in try AlertTemplateLexer.segments(scalars) {
            switch segment {
            case .text(let text):
                tree.append(.text(text))
            case let .action(tokens, start):
                var parser = AlertTemplateParser(tokens: tokens, offeringTrigger: offeringTrigger)
                try tree.apply(try parser.action(start: start), at: start)
            }
        }
        return try tree.finish()
    }

    /// What one action contributes: a value to print, or a step of an `if`.
    fileprivate enum Action {
        case print(AlertTemplateExpression)
        case startIf(AlertTemplateExpression)
        case elseIf(AlertTemplateExpression)
        case otherwise
        case end
    }

    /// A typed expression and where its source starts.
    private struct Typed {
        let expression: AlertTemplateExpression
        let type: GoType
        let offset: Int
        /// The source as Go would name it in an error (`$value`, `.Labels.job`, `"abc"`).
        let text: String
    }

    private enum Operand {
        case function(AlertTemplateFunction, offset: Int)
        case logical(LogicalOperator, offset: Int)
        /// `.` or `$`: the whole alert data.
        case root(offset: Int)
        case typed(Typed)
    }

    private let tokens: [AlertTemplateToken]
    /// Whether `$trigger` is defined (action templates).
    private let offeringTrigger: Bool
    private var index = 0

    private init(tokens: [AlertTemplateToken], offeringTrigger: Bool) {
        self.offeringTrigger = offeringTrigger
        self.tokens = tokens
    }

    private mutating func action(start: Int) throws(Failure) -> Action {
        skipSpaces()
        if let token = current {
            switch token.kind {
            case .keyword("if"):
                index += 1
                return .startIf(try pipeline(closedByParenthesis: false, start: start).expression)
            case .keyword("else"):
                index += 1
                skipSpaces()
                if let next = current, next.kind == .keyword("if") {
                    index += 1
                    return .elseIf(try pipeline(closedByParenthesis: false, start: start).expression)
                }
                try expectEnd(of: "else")
                return .otherwise
            case .keyword("end"):
                index += 1
                try expectEnd(of: "end")
                return .end
            case .keyword(let word) where word != "nil":
                throw Failure(.unsupportedAction(word), at: token.offset)
            case .identifier(let word) where word == "break" || word == "continue":
                throw Failure(.unsupportedAction(word), at: token.offset)
            default:
                break
            }
        }
        return .print(try pipeline(closedByParenthesis: false, start: start).expression)
    }

    private mutating func expectEnd(of keyword: String) throws(Failure) {
        skipSpaces()
        if let token = current { throw Failure(.unexpected(describe(token), context: keyword), at: token.offset) }
    }

    /// Commands up to the end of the action, or up to the `)` that closes a parenthesized one.
    private mutating func pipeline(closedByParenthesis: Bool, start: Int) throws(Failure) -> Typed {
        try refuseDeclaration()
        var result: Typed?
        while true {
            skipSpaces()
            guard let token = current else { break }
            if closedByParenthesis, token.kind == .rightParenthesis {
                index += 1
                break
            }
            guard startsTerm(token.kind) else {
                throw Failure(.unexpected(describe(token), context: closedByParenthesis ? "parenthesized pipeline" : "command"), at: token.offset)
            }
            result = try command(piped: result)
        }
        guard let result else { throw Failure(.missingValue, at: start) }
        return result
    }

    /// `$x := …` and `$x = …` declare or assign template variables, which are not offered.
    private mutating func refuseDeclaration() throws(Failure) {
        skipSpaces()
        guard let token = current, case .variable(let name) = token.kind else { return }
        var lookahead = index + 1
        while lookahead < tokens.count, tokens[lookahead].kind == .space { lookahead += 1 }
        guard lookahead < tokens.count else { return }
        switch tokens[lookahead].kind {
        case .declare, .assign, .other(","):
            throw Failure(.unsupportedDeclaration(name), at: token.offset)
        default:
            return
        }
    }

    private mutating func command(piped: Typed?) throws(Failure) -> Typed {
        var operands: [Operand] = []
        commandLoop: while true {
            skipSpaces()
            if let operand = try operand() { operands.append(operand) }
            guard let token = current else { break }
            index += 1
            switch token.kind {
            case .space:
                continue
            case .rightParenthesis:
                index -= 1
                break commandLoop
            case .pipe:
                break commandLoop
            default:
                throw Failure(.unexpected(describe(token), context: "operand"), at: token.offset)
            }
        }
        guard let head = operands.first else {
            throw Failure(.missingValue, at: current?.offset ?? tokens.last?.offset ?? 0)
        }
        switch head {
        case let .function(function, offset):
            var arguments: [Typed] = []
            for operand in operands.dropFirst() { arguments.append(try argument(operand)) }
            if let piped { arguments.append(piped) }
            return try call(function, arguments, at: offset)
        case let .logical(logical, offset):
            var arguments: [Typed] = []
            for operand in operands.dropFirst() { arguments.append(try argument(operand)) }
            if let piped { arguments.append(piped) }
            return try combine(logical, arguments, at: offset)
        case .root(let offset):
            throw Failure(.unsupportedWholeData, at: offset)
        case .typed(let typed):
            guard operands.count == 1, piped == nil else { throw Failure(.notAFunction(typed.text), at: typed.offset) }
            return typed
        }
    }

    /// A function name in argument position is called with no arguments, as in Go.
    private func argument(_ operand: Operand) throws(Failure) -> Typed {
        switch operand {
        case let .function(function, offset): return try call(function, [], at: offset)
        case let .logical(logical, offset): return try combine(logical, [], at: offset)
        case .root(let offset): throw Failure(.unsupportedWholeData, at: offset)
        case .typed(let typed): return typed
        }
    }

    private func call(_ function: AlertTemplateFunction, _ arguments: [Typed], at offset: Int) throws(Failure) -> Typed {
        let type: GoType
        do {
            type = try function.resultType(for: arguments.map(\.type))
        } catch {
            throw Failure(error.problem, at: error.position == 0 ? offset : arguments[error.position - 1].offset)
        }
        var pattern: GoRegularExpression?
        switch function {
        case .humanize, .humanize1024, .humanizeDuration, .humanizePercentage, .humanizeTimestamp:
            if case .constant(.string(let text)) = arguments[0].expression, case .failure(let failure) = GoParseFloat.parse(text) {
                throw Failure(.invalidNumericString(function: function.rawValue, reason: failure.message), at: arguments[0].offset)
            }
        case .match, .reReplaceAll:
            if case .constant(.string(let text)) = arguments[0].expression {
                do {
                    pattern = try GoRegularExpression(text)
                } catch {
                    throw Failure(.invalidRegularExpression(text, reason: error.reason), at: arguments[0].offset)
                }
            }
        default:
            break
        }
        return Typed(
            expression: .call(function, arguments.map(\.expression), pattern: pattern), type: type, offset: offset,
            text: function.rawValue)
    }

    /// `and`/`or` return one of their arguments, so all must have one type here (Go would
    /// allow mixed types, whose result type is then only known at run time).
    private func combine(_ logical: LogicalOperator, _ arguments: [Typed], at offset: Int) throws(Failure) -> Typed {
        guard let first = arguments.first else {
            throw Failure(.wrongArgumentCount(function: logical.rawValue, expected: "at least 1", got: 0), at: offset)
        }
        for (position, argument) in arguments.enumerated().dropFirst() where argument.type != first.type {
            let problem = AlertTemplateError.Problem.wrongArgumentType(
                function: logical.rawValue, position: position + 1, expected: "of the type of argument 1 (\(first.type.goName))",
                got: argument.type.goName)
            throw Failure(problem, at: argument.offset)
        }
        return Typed(expression: .logical(logical, arguments.map(\.expression)), type: first.type, offset: offset, text: logical.rawValue)
    }

    // MARK: - Operands

    private func startsTerm(_ kind: AlertTemplateToken.Kind) -> Bool {
        switch kind {
        case .identifier, .bool, .field, .dot, .variable, .string, .number, .character, .leftParenthesis, .keyword("nil"):
            return true
        default:
            return false
        }
    }

    /// A term and the fields after it (`$labels.job`, `(…).job`); nil when the next token starts
    /// no term.
    private mutating func operand() throws(Failure) -> Operand? {
        guard let token = current, startsTerm(token.kind) else { return nil }
        index += 1
        var fields: [(name: String, offset: Int)] = []
        while let next = current, case .field(let name) = next.kind {
            fields.append((name, next.offset))
            index += 1
        }
        let base: Operand
        switch token.kind {
        case .identifier(let name):
            if let logical = LogicalOperator(rawValue: name) {
                base = .logical(logical, offset: token.offset)
                break
            }
            guard let function = AlertTemplateFunction(rawValue: name) else {
                if AlertTemplateFunction.needingServer.contains(name) { throw Failure(.needsPrometheusServer(name), at: token.offset) }
                if AlertTemplateFunction.unsupported.contains(name) { throw Failure(.unsupportedFunction(name), at: token.offset) }
                throw Failure(.unknownFunction(name), at: token.offset)
            }
            base = .function(function, offset: token.offset)
        case .dot:
            base = .root(offset: token.offset)
        case .field(let name):
            base = .root(offset: token.offset)
            fields.insert((name, token.offset), at: 0)
        case .variable(let name):
            base = try variable(name, at: token.offset)
        case .bool(let truth):
            base = .typed(Typed(expression: .constant(.bool(truth)), type: .bool, offset: token.offset, text: String(truth)))
        case .string(let text):
            base = .typed(Typed(expression: .constant(.string(text)), type: .string, offset: token.offset, text: GoQuote.quote(text)))
        case .number(let text):
            guard let number = GoLiteral.number(text) else { throw Failure(.invalidNumber(text), at: token.offset) }
            base = .typed(Typed(expression: .constant(number), type: number.type, offset: token.offset, text: text))
        case .character(let text):
            let value = try GoLiteral.characterValue(text, at: token.offset)
            base = .typed(Typed(expression: .constant(.int(value)), type: .int, offset: token.offset, text: text))
        case .leftParenthesis:
            let inner = try pipeline(closedByParenthesis: true, start: token.offset)
            base = .typed(Typed(expression: inner.expression, type: inner.type, offset: token.offset, text: "(\(inner.text))"))
            while let next = current, case .field(let name) = next.kind {
                fields.append((name, next.offset))
                index += 1
            }
        default:
            throw Failure(.unexpected("nil", context: "command"), at: token.offset)
        }
        return try applying(fields, to: base)
    }

    private func variable(_ name: String, at offset: Int) throws(Failure) -> Operand {
        switch name {
        case "$": return .root(offset: offset)
        case "$labels": return .typed(Typed(expression: .labels, type: .map, offset: offset, text: name))
        case "$value": return .typed(Typed(expression: .value, type: .float, offset: offset, text: name))
        case "$trigger" where offeringTrigger:
            return .typed(Typed(expression: .trigger, type: .map, offset: offset, text: name))
        case "$externalLabels": return .typed(Typed(expression: .constant(.map([:])), type: .map, offset: offset, text: name))
        case "$externalURL": return .typed(Typed(expression: .constant(.string("")), type: .string, offset: offset, text: name))
        default: throw Failure(.undefinedVariable(name), at: offset)
        }
    }

    /// Fields of the alert data, then entries of maps; anything else has no fields. A function
    /// followed by a field is called with no arguments first, as in Go.
    private func applying(_ fields: [(name: String, offset: Int)], to base: Operand) throws(Failure) -> Operand {
        guard let first = fields.first else { return base }
        var typed: Typed
        var remaining = fields[...]
        switch base {
        case .function(let function, let offset):
            typed = try call(function, [], at: offset)
        case .logical(let logical, let offset):
            typed = try combine(logical, [], at: offset)
        case .root(let offset):
            let prefix = offset == first.offset ? "" : "$"
            remaining = fields.dropFirst()
            typed = try dataField(first.name, at: first.offset, text: prefix + "." + first.name)
        case .typed(let value):
            typed = value
        }
        for field in remaining {
            guard typed.type == .map else { throw Failure(.unknownField(field.name, type: typed.type.goName), at: field.offset) }
            typed = Typed(expression: .field(typed.expression, field.name), type: .string, offset: typed.offset, text: typed.text + "." + field.name)
        }
        return .typed(typed)
    }

    private func dataField(_ name: String, at offset: Int, text: String) throws(Failure) -> Typed {
        switch name {
        case "Labels": return Typed(expression: .labels, type: .map, offset: offset, text: text)
        case "Value": return Typed(expression: .value, type: .float, offset: offset, text: text)
        case "ExternalLabels": return Typed(expression: .constant(.map([:])), type: .map, offset: offset, text: text)
        case "ExternalURL": return Typed(expression: .constant(.string("")), type: .string, offset: offset, text: text)
        default: throw Failure(.unknownField(name, type: "alert data"), at: offset)
        }
    }

    // MARK: - Tokens

    private var current: AlertTemplateToken? {
        index < tokens.count ? tokens[index] : nil
    }

    private mutating func skipSpaces() {
        while let token = current, token.kind == .space { index += 1 }
    }

    private func describe(_ token: AlertTemplateToken) -> String {
        switch token.kind {
        case .space: return "space"
        case .identifier(let name), .keyword(let name): return "\"\(name)\""
        case .bool(let truth): return "\"\(truth)\""
        case .field(let name): return "\".\(name)\""
        case .dot: return "\".\""
        case .variable(let name): return "\"\(name)\""
        case .string(let text): return GoQuote.quote(text)
        case .number(let text), .character(let text): return text
        case .pipe: return "\"|\""
        case .leftParenthesis: return "\"(\""
        case .rightParenthesis: return "\")\""
        case .declare: return "\":=\""
        case .assign: return "\"=\""
        case .other(let scalar): return "\"\(scalar)\""
        }
    }
}

/// Nests the nodes of `{{ if }}`, `{{ else if }}`, `{{ else }}` and `{{ end }}`.
private struct TreeBuilder {
    typealias Failure = AlertTemplateLexer.Failure

    /// An `if` whose `end` has not come yet: the finished branches, the condition of the one
    /// being read (nil in its `else`), and the offset of its `{{`.
    private struct OpenIf {
        let start: Int
        var branches: [AlertTemplateNode.Branch] = []
        var condition: AlertTemplateExpression?
    }

    private var lists: [[AlertTemplateNode]] = [[]]
    private var open: [OpenIf] = []

    mutating func append(_ node: AlertTemplateNode) {
        lists[lists.count - 1].append(node)
    }

    mutating func apply(_ action: AlertTemplateParser.Action, at offset: Int) throws(Failure) {
        switch action {
        case .print(let expression):
            append(.action(expression))
        case .startIf(let condition):
            open.append(OpenIf(start: offset, condition: condition))
            lists.append([])
        case .elseIf, .otherwise:
            guard var current = open.popLast(), let condition = current.condition else {
                throw Failure(.misplacedControl("else"), at: offset)
            }
            current.branches.append(AlertTemplateNode.Branch(condition: condition, body: lists.removeLast()))
            if case .elseIf(let next) = action { current.condition = next } else { current.condition = nil }
            open.append(current)
            lists.append([])
        case .end:
            guard var current = open.popLast() else { throw Failure(.misplacedControl("end"), at: offset) }
            let body = lists.removeLast()
            var otherwise: [AlertTemplateNode] = []
            if let condition = current.condition {
                current.branches.append(AlertTemplateNode.Branch(condition: condition, body: body))
            } else {
                otherwise = body
            }
            append(.conditional(current.branches, otherwise: otherwise))
        }
    }

    func finish() throws(Failure) -> [AlertTemplateNode] {
        if let unclosed = open.last { throw Failure(.unclosedIf, at: unclosed.start) }
        return lists[0]
    }
}
