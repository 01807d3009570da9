/// Go's literals inside template actions: strings (`strconv.Unquote`), character constants
/// (`strconv.UnquoteChar`) and numbers as `text/template` reads them (`parse.newNumber`, then
/// the `int` or `float64` an untyped constant becomes when passed as `interface{}`).
enum GoLiteral {
    private typealias Failure = AlertTemplateLexer.Failure

    /// The body of a quoted literal (without its quotes) with Go's escapes resolved: `\a \b \f \n
    /// \r \t \v \\`, the quote itself, `\ooo` and `\xHH` (bytes), `\uHHHH` and `\UHHHHHHHH`.
    /// Bytes that do not form UTF-8 are refused (a Swift string cannot hold them).
    static func unquote(_ body: [Unicode.Scalar], quote: Unicode.Scalar, literal: String, at offset: Int) throws(AlertTemplateLexer.Failure) -> String {
        var bytes: [UInt8] = []
        var index = 0
        while index < body.count {
            let (value, isByte, next) = try character(body, from: index, quote: quote, literal: literal, at: offset)
            index = next
            if isByte {
                bytes.append(UInt8(value))
            } else {
                bytes.append(contentsOf: Array(String(Unicode.Scalar(value)!).utf8))
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(.invalidLiteral(literal, reason: "the escapes do not form UTF-8 text"), at: offset)
        }
        return text
    }

    /// The code point of a character constant such as `'a'` or `'\n'`.
    static func characterValue(_ literal: String, at offset: Int) throws(AlertTemplateLexer.Failure) -> Int {
        let body = Array(literal.unicodeScalars.dropFirst().dropLast())
        guard !body.isEmpty else { throw Failure(.invalidLiteral(literal, reason: "empty character constant"), at: offset) }
        let (value, _, next) = try character(body, from: 0, quote: "'", literal: literal, at: offset)
        guard next == body.count else { throw Failure(.invalidLiteral(literal, reason: "more than one character"), at: offset) }
        return Int(value)
    }

    /// A number token's value: `int` when Go reads it as an integer constant, `float64` when it
    /// has a point or an exponent (`1e3` is a `float64` 1000); nil when Go refuses it (bad
    /// syntax, out of range, beyond `int`, imaginary, `08`).
    static func number(_ text: String) -> GoValue? {
        if text.hasSuffix("i") { return nil }
        if let integer = integer(text) { return .int(integer) }
        guard case .success(let value) = GoParseFloat.parse(text), text.contains(where: { ".eEpP".contains($0) }) else { return nil }
        return .float(value)
    }

    /// `strconv.ParseInt(text, 0, 64)`: optional sign, `0b`/`0o`/`0x` or legacy octal `0`
    /// prefix, `_` between digits.
    private static func integer(_ text: String) -> Int? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var base: UInt64 = 10
        if bytes.first == UInt8(ascii: "0") {
            let marker = bytes.count >= 3 ? bytes[bytes.startIndex + 1] | 0x20 : 0
            switch marker {
            case UInt8(ascii: "b"): base = 2
            case UInt8(ascii: "o"): base = 8
            case UInt8(ascii: "x"): base = 16
            default: base = 8
            }
            let prefixed = marker == UInt8(ascii: "b") || marker == UInt8(ascii: "o") || marker == UInt8(ascii: "x")
            bytes = bytes.dropFirst(prefixed ? 2 : 1)
        }
        var magnitude: UInt64 = 0
        var underscores = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                underscores = true
                continue
            }
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard digit < base else { return nil }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            magnitude = sum
        }
        if underscores && !GoParseFloat.underscoresAreBetweenDigits(Array(text.utf8)) { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int(magnitude)
    }

    /// One character or escape of a quoted literal: its value, whether it is a raw byte
    /// (`\x`, octal) rather than a code point, and the index after it.
    private static func character(
        _ body: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, literal: String, at offset: Int
    ) throws(AlertTemplateLexer.Failure) -> (UInt32, Bool, Int) {
        let invalid = Failure(.invalidLiteral(literal, reason: "invalid escape or character"), at: offset)
        let scalar = body[start]
        guard scalar == "\\" else {
            if scalar == quote { throw invalid }
            return (scalar.value, false, start + 1)
        }
        guard start + 1 < body.count else { throw invalid }
        let escape = body[start + 1]
        var next = start + 2
        switch escape {
        case "a": return (7, false, next)
        case "b": return (8, false, next)
        case "f": return (12, false, next)
        case "n": return (10, false, next)
        case "r": return (13, false, next)
        case "t": return (9, false, next)
        case "v": return (11, false, next)
        case "\\": return (92, false, next)
        case "'", "\"":
            guard escape == quote else { throw invalid }
            return (escape.value, false, next)
        case "x", "u", "U":
            let count = escape == "x" ? 2 : escape == "u" ? 4 : 8
            guard next + count <= body.count else { throw invalid }
            var value: UInt32 = 0
            for scalar in body[next..<(next + count)] {
                guard let digit = decimalValue(scalar) ?? hexLetterValue(scalar) else { throw invalid }
                value = value * 16 + digit
            }
            next += count
            if escape == "x" { return (value, quote != "'", next) }
            guard Unicode.Scalar(value) != nil else { throw invalid }
            return (value, false, next)
        case "0"..."7":
            guard start + 4 <= body.count else { throw invalid }
            var value: UInt32 = 0
            for scalar in body[(start + 1)..<(start + 4)] {
                guard ("0"..."7").contains(scalar) else { throw invalid }
                value = value * 8 + (scalar.value - 0x30)
            }
            guard value <= 255 else { throw invalid }
            return (value, quote != "'", start + 4)
        default:
            throw invalid
        }
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> UInt32? {
        ("0"..."9").contains(scalar) ? scalar.value - 0x30 : nil
    }

    private static func hexLetterValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}
