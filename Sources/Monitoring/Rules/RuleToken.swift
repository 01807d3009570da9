/// A token of a rule expression, with the offset (in Unicode scalars) where it starts.
struct RuleToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A metric name, label name or keyword: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
        case identifier(String)
        case number(Double)
        /// A quoted string, unescaped.
        case string(String)
        /// Punctuation and operators: `{ } ( ) [ ] , = != =~ !~ == > < >= <= + - * / % ^ @`.
        case symbol(String)
        case end
        /// Text the lexer could not read; the parser reports this error when it gets here, so a
        /// construct it refuses earlier in the text is reported first.
        case invalid(RuleExpressionError)
    }

    let kind: Kind
    let offset: Int

    /// How messages name the token: `'and'`, `number 0.3`, `end of expression`.
    var described: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number(let value): "number \(value)"
        case .string(let text): "string \"\(text)\""
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        case .invalid(let error): error.message
        }
    }

    /// The identifier's text in lower case, for PromQL's case-insensitive keywords.
    var keyword: String? {
        if case .identifier(let name) = kind { return name.lowercased() }
        return nil
    }

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }
}
