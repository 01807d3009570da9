/// A token inside an action (`{{ … }}`) of an alert template, with the scalar offset it starts at.
struct AlertTemplateToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case space
        case identifier(String)
        /// `if`, `else`, `end`, `range`, `with`, `define`, `template`, `block`, `nil`.
        case keyword(String)
        case bool(Bool)
        /// `.Name` (the name without its dot).
        case field(String)
        /// `.` alone.
        case dot
        /// `$name`, or `$` alone.
        case variable(String)
        /// A quoted or raw string, unquoted.
        case string(String)
        /// A number as written; the parser reads it as Go does.
        case number(String)
        /// A character literal as written, quotes included.
        case character(String)
        case pipe
        case leftParenthesis
        case rightParenthesis
        /// `:=`
        case declare
        /// `=`
        case assign
        /// Any other printable ASCII character (Go's grab bag: `,`, `!`, …).
        case other(Unicode.Scalar)
    }

    let kind: Kind
    let offset: Int
}

/// A template's text split into literal text and actions, following Go's `text/template` lexer:
/// `{{` and `}}` delimit actions; `{{- ` and ` -}}` (the dash next to a space, tab or newline)
/// trim the whitespace before and after; `{{/* … */}}` is a comment and must end the action at
/// once. Inside an action, spaces and newlines separate tokens.
enum AlertTemplateLexer {
    enum Segment: Sendable {
        case text(String)
        /// The tokens of one action and the offset of its `{{`.
        case action([AlertTemplateToken], start: Int)
    }

    /// A problem and the scalar offset where it starts.
    struct Failure: Error, Sendable {
        let problem: AlertTemplateError.Problem
        let offset: Int

        init(_ problem: AlertTemplateError.Problem, at offset: Int) {
            self.problem = problem
            self.offset = offset
        }
    }

    static func segments(_ scalars: [Unicode.Scalar]) throws(Failure) -> [Segment] {
        var segments: [Segment] = []
        var position = 0
        var trimLeadingSpace = false
        while true {
            let delimiter = find(["{", "{"], in: scalars, from: position)
            var textStart = position
            var textEnd = delimiter ?? scalars.count
            if trimLeadingSpace {
                while textStart < textEnd, isSpace(scalars[textStart]) { textStart += 1 }
            }
            if let delimiter, hasLeftTrimMarker(scalars, at: delimiter + 2) {
                while textEnd > textStart, isSpace(scalars[textEnd - 1]) { textEnd -= 1 }
            }
            if textStart < textEnd {
                segments.append(.text(String(String.UnicodeScalarView(scalars[textStart..<textEnd]))))
            }
            guard let delimiter else { return segments }
            var cursor = delimiter + 2
            if hasLeftTrimMarker(scalars, at: cursor) { cursor += 2 }
            if starts(scalars, at: cursor, with: ["/", "*"]) {
                guard let commentEnd = find(["*", "/"], in: scalars, from: cursor + 2) else {
                    throw Failure(.unclosedComment, at: delimiter)
                }
                guard let (end, trim) = rightDelimiter(scalars, at: commentEnd + 2) else {
                    throw Failure(.commentNotClosedByDelimiter, at: commentEnd)
                }
                position = end
                trimLeadingSpace = trim
                continue
            }
            var lexer = ActionLexer(scalars: scalars, position: cursor, actionStart: delimiter)
            let tokens = try lexer.lex()
            segments.append(.action(tokens, start: delimiter))
            position = lexer.position
            trimLeadingSpace = lexer.trimsFollowingSpace
        }
    }

    /// Go's trimmable space: space, tab, carriage return, newline.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    /// Go's identifier characters: letters, decimal digits and `_`.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    static func starts(_ scalars: [Unicode.Scalar], at position: Int, with prefix: [Unicode.Scalar]) -> Bool {
        guard position >= 0, position + prefix.count <= scalars.count else { return false }
        for (offset, scalar) in prefix.enumerated() where scalars[position + offset] != scalar { return false }
        return true
    }

    private static func find(_ needle: [Unicode.Scalar], in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start
        while position + needle.count <= scalars.count {
            if starts(scalars, at: position, with: needle) { return position }
            position += 1
        }
        return nil
    }

    private static func hasLeftTrimMarker(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        position + 1 < scalars.count && scalars[position] == "-" && isSpace(scalars[position + 1])
    }

    /// `}}` or ` -}}` at `position`: where the delimiter ends and whether it trims.
    static func rightDelimiter(_ scalars: [Unicode.Scalar], at position: Int) -> (end: Int, trims: Bool)? {
        if position < scalars.count, isSpace(scalars[position]), starts(scalars, at: position + 1, with: ["-", "}", "}"]) {
            return (position + 4, true)
        }
        if starts(scalars, at: position, with: ["}", "}"]) { return (position + 2, false) }
        return nil
    }
}

/// The tokens of one action, up to and including its right delimiter.
private struct ActionLexer {
    let scalars: [Unicode.Scalar]
    var position: Int
    let actionStart: Int
    var trimsFollowingSpace = false
    private var tokens: [AlertTemplateToken] = []
    private var openParentheses: [Int] = []

    init(scalars: [Unicode.Scalar], position: Int, actionStart: Int) {
        self.scalars = scalars
        self.position = position
        self.actionStart = actionStart
    }

    typealias Failure = AlertTemplateLexer.Failure

    mutating func lex() throws(Failure) -> [AlertTemplateToken] {
        while true {
            if let (end, trims) = AlertTemplateLexer.rightDelimiter(scalars, at: position) {
                if let open = openParentheses.last { throw Failure(.unclosedParenthesis, at: open) }
                position = end
                trimsFollowingSpace = trims
                return tokens
            }
            guard position < scalars.count else { throw Failure(.unclosedAction, at: actionStart) }
            let start = position
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case _ where AlertTemplateLexer.isSpace(scalar):
                while position < scalars.count, AlertTemplateLexer.isSpace(scalars[position]) { position += 1 }
                if AlertTemplateLexer.starts(scalars, at: position, with: ["-", "}", "}"]) {
                    position -= 1
                    if position == start { continue }
                }
                emit(.space, at: start)
            case "=":
                emit(.assign, at: start)
            case ":":
                guard position < scalars.count, scalars[position] == "=" else {
                    throw Failure(.unexpected("\":\"", context: "action (expected \":=\")"), at: start)
                }
                position += 1
                emit(.declare, at: start)
            case "|":
                emit(.pipe, at: start)
            case "\"":
                try lexQuoted(from: start)
            case "`":
                try lexRaw(from: start)
            case "'":
                try lexCharacter(from: start)
            case "$":
                let name = scanAlphanumerics()
                try requireTerminator(after: start)
                emit(.variable("$" + name), at: start)
            case ".":
                if position < scalars.count, scalars[position].properties.numericType == .decimal, scalars[position].isASCII {
                    position = start
                    try lexNumber()
                } else {
                    let name = scanAlphanumerics()
                    try requireTerminator(after: start)
                    emit(name.isEmpty ? .dot : .field(name), at: start)
                }
            case "+", "-", "0"..."9":
                position = start
                try lexNumber()
            case "(":
                openParentheses.append(start)
                emit(.leftParenthesis, at: start)
            case ")":
                guard openParentheses.popLast() != nil else { throw Failure(.unexpectedClosingParenthesis, at: start) }
                emit(.rightParenthesis, at: start)
            case _ where AlertTemplateLexer.isAlphanumeric(scalar):
                position = start
                let word = scanAlphanumerics()
                try requireTerminator(after: start)
                switch word {
                case "true", "false": emit(.bool(word == "true"), at: start)
                case "if", "else", "end", "range", "with", "define", "template", "block", "nil": emit(.keyword(word), at: start)
                default: emit(.identifier(word), at: start)
                }
            case _ where scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F:
                emit(.other(scalar), at: start)
            default:
                throw Failure(.unexpectedCharacter(Character(scalar)), at: start)
            }
        }
    }

    private mutating func emit(_ kind: AlertTemplateToken.Kind, at offset: Int) {
        tokens.append(AlertTemplateToken(kind: kind, offset: offset))
    }

    private mutating func scanAlphanumerics() -> String {
        let start = position
        while position < scalars.count, AlertTemplateLexer.isAlphanumeric(scalars[position]) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    /// A name must end at a space, the end, `.`, `,`, `|`, `:`, `(`, `)` or `}` (Go's rule, so
    /// `.X.Y` splits into two fields and `$x+2` is refused).
    private func requireTerminator(after start: Int) throws(Failure) {
        guard position < scalars.count else { return }
        let next = scalars[position]
        if AlertTemplateLexer.isSpace(next) || [".", ",", "|", ":", ")", "(", "}"].contains(next) { return }
        throw Failure(.unexpectedCharacter(Character(next)), at: position)
    }

    /// Go's number scanner: sign, base prefix, digits and `_`, fraction, exponent (`e` or, for
    /// hexadecimal, `p`), imaginary `i`; no letter may follow. A second signed part makes a
    /// complex number, which is refused.
    private mutating func lexNumber() throws(Failure) {
        let start = position
        guard scanNumber() else {
            throw Failure(.invalidNumber(text(start..<position)), at: start)
        }
        if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" {
            _ = scanNumber()
            throw Failure(.invalidNumber(text(start..<position)), at: start)
        }
        emit(.number(text(start..<position)), at: start)
    }

    private mutating func scanNumber() -> Bool {
        accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            accept("+-")
            acceptRun("0123456789_")
        }
        accept("i")
        if position < scalars.count, AlertTemplateLexer.isAlphanumeric(scalars[position]) {
            position += 1
            return false
        }
        return true
    }

    @discardableResult
    private mutating func accept(_ valid: String) -> Bool {
        guard position < scalars.count, valid.unicodeScalars.contains(scalars[position]) else { return false }
        position += 1
        return true
    }

    private mutating func acceptRun(_ valid: String) {
        while accept(valid) {}
    }

    private mutating func lexQuoted(from start: Int) throws(Failure) {
        try skipEscaped(to: "\"", what: "quoted string", from: start)
        let literal = text(start..<position)
        let value = try GoLiteral.unquote(Array(scalars[(start + 1)..<(position - 1)]), quote: "\"", literal: literal, at: start)
        emit(.string(value), at: start)
    }

    /// Raw strings keep everything but carriage returns, which Go drops.
    private mutating func lexRaw(from start: Int) throws(Failure) {
        while true {
            guard position < scalars.count else { throw Failure(.unterminatedLiteral("raw quoted string"), at: start) }
            position += 1
            if scalars[position - 1] == "`" { break }
        }
        let body = scalars[(start + 1)..<(position - 1)].filter { $0 != "\r" }
        emit(.string(String(String.UnicodeScalarView(body))), at: start)
    }

    private mutating func lexCharacter(from start: Int) throws(Failure) {
        try skipEscaped(to: "'", what: "character constant", from: start)
        emit(.character(text(start..<position)), at: start)
    }

    /// Moves past the closing `quote` of a literal that opened at `start`, stepping over
    /// backslash escapes; the literal may not span lines.
    private mutating func skipEscaped(to quote: Unicode.Scalar, what: String, from start: Int) throws(Failure) {
        while true {
            guard position < scalars.count, scalars[position] != "\n" else { throw Failure(.unterminatedLiteral(what), at: start) }
            let scalar = scalars[position]
            position += 1
            if scalar == "\\" {
                guard position < scalars.count, scalars[position] != "\n" else { throw Failure(.unterminatedLiteral(what), at: start) }
                position += 1
            } else if scalar == quote {
                return
            }
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }
}
