/// Splits a rule expression into tokens as PromQL's lexer does for the subset driftwatch reads:
/// identifiers (keywords are told apart by the parser, case-insensitively), numbers (decimal,
/// exponent, hexadecimal integers, `Inf`, `NaN`), strings in `"…"` or `'…'` with Go's escapes or
/// raw in backquotes, `#` comments to the end of the line, and operators.
struct RuleLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token, ending with `.end`, or with `.invalid` where the text cannot be read.
    static func tokens(of text: String) -> [RuleToken] {
        var lexer = RuleLexer(text)
        var tokens: [RuleToken] = []
        while true {
            let start = lexer.position
            do {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return tokens }
            } catch {
                tokens.append(RuleToken(kind: .invalid(error), offset: start))
                return tokens
            }
        }
    }

    /// The 1-based line and column of `offset` in `text`.
    static func place(of offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    private func error(_ message: String, at offset: Int) -> RuleExpressionError {
        let text = String(String.UnicodeScalarView(scalars))
        let (line, column) = Self.place(of: offset, in: text)
        return RuleExpressionError(line: line, column: column, message: message)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ ahead: Int) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func next() throws(RuleExpressionError) -> RuleToken {
        skipSpaceAndComments()
        let start = position
        guard let scalar = current else { return RuleToken(kind: .end, offset: start) }
        if Self.isIdentifierStart(scalar) {
            while let next = current, Self.isIdentifierStart(next) || ("0"..."9").contains(next) { position += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            switch name.lowercased() {
            case "inf": return RuleToken(kind: .number(.infinity), offset: start)
            case "nan": return RuleToken(kind: .number(.nan), offset: start)
            default: return RuleToken(kind: .identifier(name), offset: start)
            }
        }
        if ("0"..."9").contains(scalar) || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            return RuleToken(kind: .number(try number()), offset: start)
        }
        if scalar == "\"" || scalar == "'" || scalar == "`" {
            return RuleToken(kind: .string(try string(quote: scalar)), offset: start)
        }
        for symbol in ["!=", "=~", "!~", "==", ">=", "<="] where matches(symbol) {
            position += 2
            return RuleToken(kind: .symbol(symbol), offset: start)
        }
        if "{}()[],=><+-*/%^@".unicodeScalars.contains(scalar) {
            position += 1
            return RuleToken(kind: .symbol(String(scalar)), offset: start)
        }
        throw error("unexpected character '\(scalar)'", at: start)
    }

    private func matches(_ symbol: String) -> Bool {
        for (index, scalar) in symbol.unicodeScalars.enumerated() where peek(index) != scalar { return false }
        return true
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                position += 1
            } else if scalar == "#" {
                while let next = current, next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
    }

    /// A decimal number (`1`, `0.5`, `.5`, `5.`, `1e-3`) or a hexadecimal integer (`0x1F`).
    private mutating func number() throws(RuleExpressionError) -> Double {
        let start = position
        if current == "0", let x = peek(1), x == "x" || x == "X" {
            position += 2
            let digits = position
            while let next = current, next.properties.isASCIIHexDigit { position += 1 }
            let text = String(String.UnicodeScalarView(scalars[digits..<position]))
            guard !text.isEmpty, let value = UInt64(text, radix: 16) else {
                throw error("invalid hexadecimal number", at: start)
            }
            return Double(value)
        }
        while let next = current, ("0"..."9").contains(next) || next == "." { position += 1 }
        if let e = current, e == "e" || e == "E" {
            position += 1
            if let sign = current, sign == "+" || sign == "-" { position += 1 }
            while let next = current, ("0"..."9").contains(next) { position += 1 }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Double(text) else {
            throw error("invalid number '\(text)'", at: start)
        }
        if let next = current, Self.isIdentifierStart(next) {
            throw error("unexpected '\(next)' after the number \(text) (durations are not supported)", at: position)
        }
        return value
    }

    /// A string from its opening quote: Go's escapes in `"…"` and `'…'`, none in backquotes.
    private mutating func string(quote: Unicode.Scalar) throws(RuleExpressionError) -> String {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while let scalar = current {
            position += 1
            if scalar == quote { return String(text) }
            if quote != "`", scalar == "\n" { break }
            if quote == "`" || scalar != "\\" {
                text.append(scalar)
                continue
            }
            text.append(try escape(quote: quote))
        }
        throw error("unterminated string", at: start)
    }

    private mutating func escape(quote: Unicode.Scalar) throws(RuleExpressionError) -> Unicode.Scalar {
        let start = position - 1
        guard let scalar = current else { throw error("unterminated string", at: start) }
        position += 1
        switch scalar {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\": return "\\"
        case quote: return quote
        case "x": return try hexEscape(digits: 2, start: start)
        case "u": return try hexEscape(digits: 4, start: start)
        case "U": return try hexEscape(digits: 8, start: start)
        case "0"..."7":
            var value = scalar.value - 48
            for _ in 0..<2 {
                guard let digit = current, ("0"..."7").contains(digit) else {
                    throw error("octal escape needs three digits", at: start)
                }
                value = value * 8 + digit.value - 48
                position += 1
            }
            guard value <= 255, let result = Unicode.Scalar(value) else { throw error("octal escape above \\377", at: start) }
            return result
        default:
            throw error("unknown escape sequence '\\\(scalar)'", at: start)
        }
    }

    private mutating func hexEscape(digits: Int, start: Int) throws(RuleExpressionError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = current, let nibble = UInt32(String(digit), radix: 16) else {
                throw error("escape needs \(digits) hexadecimal digits", at: start)
            }
            value = value * 16 + nibble
            position += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("escape is not a Unicode scalar", at: start) }
        return scalar
    }
}
