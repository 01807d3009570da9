import Foundation

/// A regular expression with the semantics of Go's `regexp` (RE2 syntax), as Prometheus'
/// `match` (`regexp.MatchString`) and `reReplaceAll` (`Regexp.ReplaceAllString`) use it, run on
/// Foundation's ICU engine after translating the syntax where the two differ:
///
/// - `\d \s \w \b` and `[[:alpha:]]`-style classes are ASCII-only in RE2, Unicode-aware in ICU:
///   they become explicit ASCII sets;
/// - `$` outside multi-line mode matches only at the very end (ICU would also match before a
///   final newline): it becomes `\z`;
/// - `(?P<name>…)` is RE2's named group (ICU spells it `(?<name>…)` and refuses `_` in names):
///   it becomes a plain group whose name is kept here for `$name` in replacements;
/// - a `{` that does not start a repetition is a literal in RE2; octal escapes `\123` are
///   characters, not back-references; `\v` is the vertical tab alone; `[`, `&` inside a class are
///   literals (ICU reads nested sets and intersections there);
/// - a repetition right after another (`a**`, `a*+`) is an error in RE2, where ICU would read a
///   possessive quantifier.
///
/// Replacement follows Go's `Expand`: `$1`, `${1}`, `$name`, `${name}` (the longest run of
/// letters, digits and `_`, so `$1x` names a group `1x`), `$$` for `$`, and a `$` that starts no
/// name is copied. An empty match right after the previous match is skipped, so `a*` on `baaac`
/// gives `XbXcX` as in Go, where ICU's own replace gives `XbXXcX`.
///
/// RE2's ungreedy flag `U`, which ICU lacks, swaps greedy and lazy repetitions. What RE2 refuses
/// is refused here too, with Go's message (look-around, back-references, counts above 1000, …),
/// except `\p{…}` names ICU knows and RE2 does not (`\p{Emoji}`), which compile. Case folding
/// and Unicode properties follow ICU's Unicode version rather than Go's.
struct GoRegularExpression: Sendable {
    /// Why a pattern does not compile, in the words of Go's `regexp/syntax` where it has them:
    /// `missing closing ): `(a``.
    struct SyntaxError: Error, Sendable, Equatable {
        let code: String
        let fragment: String

        var reason: String {
            "\(code): `\(fragment)`"
        }
    }

    let pattern: String
    private let expression: NSRegularExpression
    /// The name of each capturing group, by number (index 0 is the whole match).
    private let groupNames: [String?]

    init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        var translator = Translator(Array(pattern.unicodeScalars))
        let translated = try translator.translate()
        groupNames = translator.groupNames
        do {
            expression = try NSRegularExpression(pattern: translated.isEmpty ? "(?:)" : translated, options: [.useUnixLineSeparators])
        } catch {
            throw SyntaxError(code: "invalid regular expression", fragment: pattern)
        }
    }

    /// `regexp.MatchString`: whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, options: [], range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    /// `Regexp.ReplaceAllString`.
    func replacingAll(in text: String, with template: String) -> String {
        let source = text as NSString
        let length = source.length
        var out = ""
        var lastMatchEnd = 0
        var searchPosition = 0
        while searchPosition <= length {
            guard
                let match = expression.firstMatch(
                    in: text, options: [.withTransparentBounds, .withoutAnchoringBounds],
                    range: NSRange(location: searchPosition, length: length - searchPosition))
            else { break }
            let start = match.range.location
            let end = start + match.range.length
            out += source.substring(with: NSRange(location: lastMatchEnd, length: start - lastMatchEnd))
            if end > lastMatchEnd || start == 0 {
                out += expand(template, match: match, in: source)
            }
            lastMatchEnd = end
            let step = Self.scalarWidth(source, at: searchPosition)
            searchPosition = searchPosition + step > end ? searchPosition + step : end
        }
        out += source.substring(from: min(lastMatchEnd, length))
        return out
    }

    /// UTF-16 units of the scalar at `position` (Go advances one rune past an empty match).
    private static func scalarWidth(_ source: NSString, at position: Int) -> Int {
        guard position < source.length else { return 1 }
        let unit = source.character(at: position)
        return UTF16.isLeadSurrogate(unit) && position + 1 < source.length ? 2 : 1
    }

    private func expand(_ template: String, match: NSTextCheckingResult, in source: NSString) -> String {
        let scalars = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "$" else {
                out.append(scalar)
                continue
            }
            if index < scalars.count && scalars[index] == "$" {
                out.append("$")
                index += 1
                continue
            }
            guard let (name, next) = Self.groupReference(scalars, from: index) else {
                out.append("$")
                continue
            }
            index = next
            if let group = groupIndex(named: name), group < match.numberOfRanges {
                let range = match.range(at: group)
                if range.location != NSNotFound { out.append(contentsOf: source.substring(with: range).unicodeScalars) }
            }
        }
        return String(out)
    }

    /// The name after a `$` (`name` or `{name}`) and where the reference ends; nil when no
    /// name follows, and the `$` is then literal.
    private static func groupReference(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = start
        let braced = index < scalars.count && scalars[index] == "{"
        if braced { index += 1 }
        let nameStart = index
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        if braced {
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            index += 1
        }
        return (name, index)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// A number of at most nine decimal digits without a leading zero names a group by number,
    /// anything else by name (the first group so named; `$01` names none).
    private func groupIndex(named name: String) -> Int? {
        let numeric = name.count <= 9 && name.allSatisfy { $0.isASCII && $0.isNumber }
        if numeric && (name.count == 1 || !name.hasPrefix("0")) { return Int(name) }
        return groupNames.firstIndex { $0 == name }
    }
}

/// Rewrites RE2 syntax into ICU syntax with the same meaning (see ``GoRegularExpression``).
private struct Translator {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var out = ""
    private(set) var groupNames: [String?] = [nil]
    /// The flags ICU does not track for us, per open group (RE2 flags end with their group):
    /// `m`, because `$` is rewritten, and `U`, which ICU lacks.
    private struct Mode {
        var multiLine = false
        var ungreedy = false
    }

    private var modes = [Mode()]

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// What precedes the current position, for RE2's repetition rules: nothing to repeat (the
    /// start, `(`, `|`), something repeatable, or a repetition starting at an offset.
    private enum Preceding {
        case nothing, atom
        case repetition(start: Int)
    }

    mutating func translate() throws(GoRegularExpression.SyntaxError) -> String {
        var preceding = Preceding.nothing
        while index < scalars.count {
            let start = index
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*", "+", "?":
                preceding = try repetition(from: start, after: preceding)
                continue
            case "{":
                if let end = try repetitionEnd(from: index) {
                    index = end
                    preceding = try repetition(from: start, after: preceding)
                    continue
                }
                out += "\\{"
            case "\\": try escape(inClass: false)
            case "[": try characterClass()
            case "(":
                if try group() { preceding = .nothing }
                continue
            case ")":
                guard modes.count > 1 else { throw .init(code: "unexpected )", fragment: source) }
                modes.removeLast()
                out += ")"
            case "|":
                out += "|"
                preceding = .nothing
                continue
            case "$": out += modes.last!.multiLine ? "$" : "\\z"
            case "}": out += "\\}"
            default: out.unicodeScalars.append(scalar)
            }
            preceding = .atom
        }
        guard modes.count == 1 else { throw .init(code: "missing closing )", fragment: source) }
        return out
    }

    private var source: String {
        String(String.UnicodeScalarView(scalars))
    }

    /// A repetition operator from `start` to `index`, with its non-greedy `?`. RE2 refuses one
    /// with nothing before it and one right after another (`a**`; ICU would read `a*+` as
    /// possessive).
    /// Under the `U` flag, `*` is lazy and `*?` greedy.
    private mutating func repetition(from start: Int, after preceding: Preceding) throws(GoRegularExpression.SyntaxError) -> Preceding {
        let operatorEnd = index
        var lazy = false
        if index < scalars.count, scalars[index] == "?" {
            lazy = true
            index += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        switch preceding {
        case .nothing:
            throw .init(code: "missing argument to repetition operator", fragment: text)
        case .repetition(let previous):
            throw .init(code: "invalid nested repetition operator", fragment: String(String.UnicodeScalarView(scalars[previous..<index])))
        case .atom:
            out += String(String.UnicodeScalarView(scalars[start..<operatorEnd]))
            if lazy != modes.last!.ungreedy { out += "?" }
            return .repetition(start: start)
        }
    }

    /// The end (after `}`) of `{n}`, `{n,}` or `{n,m}` starting just after its `{`; nil when
    /// the brace starts no repetition and is a literal (as a number with a leading zero makes
    /// it). RE2 allows counts up to 1000, and `m` not below `n`.
    private func repetitionEnd(from start: Int) throws(GoRegularExpression.SyntaxError) -> Int? {
        var position = start
        func number() -> Int? {
            let first = position
            var value = 0
            while position < scalars.count, ("0"..."9").contains(scalars[position]) {
                value = min(value * 10 + Int(scalars[position].value - 0x30), 100_000_000)
                position += 1
            }
            let digits = position - first
            guard digits > 0, digits == 1 || scalars[first] != "0" else { return nil }
            return value
        }
        guard let minimum = number(), position < scalars.count else { return nil }
        var maximum: Int? = minimum
        if scalars[position] == "," {
            position += 1
            maximum = nil
            if position < scalars.count, scalars[position] != "}" {
                guard let upper = number() else { return nil }
                maximum = upper
            }
        }
        guard position < scalars.count, scalars[position] == "}" else { return nil }
        if minimum > 1000 || (maximum ?? 0) > 1000 || minimum > (maximum ?? .max) {
            throw .init(code: "invalid repeat count", fragment: String(String.UnicodeScalarView(scalars[(start - 1)...position])))
        }
        return position + 1
    }

    /// After a `(`: a capturing group (plain or `(?P<name>`), a flag group `(?flags:`, or flags
    /// for the rest of the enclosing group `(?flags)`; true when a group opened.
    private mutating func group() throws(GoRegularExpression.SyntaxError) -> Bool {
        let start = index - 1
        let current = modes.last!
        guard index < scalars.count, scalars[index] == "?" else {
            groupNames.append(nil)
            modes.append(current)
            out += "("
            return true
        }
        index += 1
        if index < scalars.count, scalars[index] == "P" {
            index += 1
            while index < scalars.count, scalars[index] != ">" { index += 1 }
            let fragment = String(String.UnicodeScalarView(scalars[start..<min(index + 1, scalars.count)]))
            guard index < scalars.count, start + 4 <= index, scalars[start + 3] == "<" else {
                throw .init(code: "invalid named capture", fragment: fragment)
            }
            let name = scalars[(start + 4)..<index]
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) else {
                throw .init(code: "invalid named capture", fragment: fragment)
            }
            index += 1
            groupNames.append(String(String.UnicodeScalarView(name)))
            modes.append(current)
            out += "("
            return true
        }
        var mode = current
        var enabled = ""
        var disabled = ""
        var negated = false
        var sawFlag = false
        flagLoop: while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            let complete = !negated || sawFlag
            switch scalar {
            case "i", "m", "s", "U":
                sawFlag = true
                if scalar == "m" { mode.multiLine = !negated }
                if scalar == "U" {
                    mode.ungreedy = !negated
                } else if negated {
                    disabled.unicodeScalars.append(scalar)
                } else {
                    enabled.unicodeScalars.append(scalar)
                }
            case "-" where !negated:
                negated = true
                sawFlag = false
            case ":" where complete:
                modes.append(mode)
                out += "(?" + enabled + (disabled.isEmpty ? "" : "-" + disabled) + ":"
                return true
            case ")" where complete:
                modes[modes.count - 1] = mode
                if !enabled.isEmpty || !disabled.isEmpty { out += "(?" + enabled + (disabled.isEmpty ? "" : "-" + disabled) + ")" }
                return false
            default:
                break flagLoop
            }
        }
        throw .init(code: "invalid or unsupported Perl syntax", fragment: String(String.UnicodeScalarView(scalars[start..<index])))
    }

    private mutating func characterClass() throws(GoRegularExpression.SyntaxError) {
        let classStart = index - 1
        out += "["
        if index < scalars.count, scalars[index] == "^" {
            out += "^"
            index += 1
        }
        if index < scalars.count, scalars[index] == "]" {
            out += "\\]"
            index += 1
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "]":
                out += "]"
                return
            case "\\":
                try escape(inClass: true)
            case "[":
                if let (name, negated, end) = posixClass() {
                    guard let members = Self.posixClasses[name] else {
                        throw .init(code: "invalid character class range", fragment: "[:" + (negated ? "^" : "") + name + ":]")
                    }
                    out += negated ? "[^" + members + "]" : members
                    index = end
                } else {
                    out += "\\["
                }
            case "&", "{", "}":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        throw .init(code: "missing closing ]", fragment: String(String.UnicodeScalarView(scalars[classStart...])))
    }

    /// `[:name:]` or `[:^name:]` just after a `[` inside a class.
    private func posixClass() -> (String, Bool, Int)? {
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        var position = index + 1
        let negated = position < scalars.count && scalars[position] == "^"
        if negated { position += 1 }
        let nameStart = position
        while position + 1 < scalars.count, !(scalars[position] == ":" && scalars[position + 1] == "]") { position += 1 }
        guard position + 1 < scalars.count else { return nil }
        return (String(String.UnicodeScalarView(scalars[nameStart..<position])), negated, position + 2)
    }

    private mutating func escape(inClass: Bool) throws(GoRegularExpression.SyntaxError) {
        guard index < scalars.count else { throw .init(code: "trailing backslash at end of expression", fragment: "") }
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "d", "D", "s", "S", "w", "W":
            let members = Self.perlClasses[String(scalar).lowercased()]!
            let negated = scalar.properties.isUppercase
            if inClass {
                out += negated ? "[^" + members + "]" : members
            } else {
                out += negated ? "[^" + members + "]" : "[" + members + "]"
            }
        case "b", "B":
            guard !inClass else { throw .init(code: "invalid escape sequence", fragment: "\\\(scalar)") }
            let word = "[0-9A-Za-z_]"
            let boundary = "(?:(?<=\(word))(?!\(word))|(?<!\(word))(?=\(word)))"
            out += scalar == "b" ? boundary : "(?!\(boundary))"
        case "v":
            out += "\\x{0B}"
        case "C" where !inClass:
            out += "(?s:.)"
        case "Q" where !inClass:
            while index < scalars.count {
                if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" {
                    index += 2
                    return
                }
                out += Self.literal(scalars[index])
                index += 1
            }
        case "0"..."7":
            var value = scalar.value - 0x30
            var digits = 1
            while digits < 3, index < scalars.count, ("0"..."7").contains(scalars[index]) {
                value = value * 8 + scalars[index].value - 0x30
                index += 1
                digits += 1
            }
            if scalar != "0" && digits == 1 { throw .init(code: "invalid escape sequence", fragment: "\\\(scalar)") }
            out += "\\x{" + String(value, radix: 16) + "}"
        case "p", "P":
            try unicodeClass(negated: scalar == "P")
        case "A" where !inClass, "z" where !inClass, "a", "f", "t", "n", "r", "x":
            out += "\\"
            out.unicodeScalars.append(scalar)
        default:
            guard scalar.isASCII, !scalar.properties.isAlphabetic, scalar.properties.numericType == nil else {
                throw .init(code: "invalid escape sequence", fragment: "\\\(scalar)")
            }
            out += "\\"
            out.unicodeScalars.append(scalar)
        }
    }

    /// `\pL`, `\p{Greek}`, `\p{^Greek}` (after the `p` or `P`), always braced for ICU.
    private mutating func unicodeClass(negated: Bool) throws(GoRegularExpression.SyntaxError) {
        let start = index - 2
        guard index < scalars.count else { throw .init(code: "invalid character class range", fragment: String(String.UnicodeScalarView(scalars[start...]))) }
        var name: String
        if scalars[index] == "{" {
            guard let close = scalars[index...].firstIndex(of: "}") else {
                throw .init(code: "invalid character class range", fragment: String(String.UnicodeScalarView(scalars[start...])))
            }
            name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
            index = close + 1
        } else {
            name = String(scalars[index])
            index += 1
        }
        var negated = negated
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        out += (negated ? "\\P{" : "\\p{") + name + "}"
    }

    private static func literal(_ scalar: Unicode.Scalar) -> String {
        "\\x{" + String(scalar.value, radix: 16) + "}"
    }

    private static let perlClasses: [String: String] = [
        "d": "0-9", "s": "\\t\\n\\f\\r\\x{20}", "w": "0-9A-Za-z_",
    ]

    private static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x{0}-\\x{7F}", "blank": "\\t\\x{20}",
        "cntrl": "\\x{0}-\\x{1F}\\x{7F}", "digit": "0-9", "graph": "!-~", "lower": "a-z",
        "print": "\\x{20}-~", "punct": "!-/:-@\\[-`\\{-~", "space": "\\t\\n\\x{0B}\\f\\r\\x{20}", "upper": "A-Z",
        "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]
}
