/// A single-pass reader of RFC 8259 JSON over a byte buffer, used for event bodies.
///
/// Hand-written because the hot path of ingest reads every event line: Foundation's
/// `JSONSerialization` on Linux rounds some 17-digit doubles wrongly and bridges 0/1 to booleans,
/// and going through `Codable` for heterogeneous feature maps costs more than the target allows.
/// Numbers are correctly rounded (a 53-bit fast path, else the standard library's decimal parser);
/// strings must be valid UTF-8 without raw control characters; nesting is limited to 64 levels.
/// The buffer must outlive the reader (the caller holds it in `withUnsafeBufferPointer`).
struct JSONReader {
    static let maximumDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    let end: Int
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// Parses exactly one value filling the range (surrounding whitespace allowed).
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        if !consumesRest() { throw fail("unexpected \(describeByte()) after the value") }
        return value
    }

    var isAtEnd: Bool { position >= end }

    /// Whether only whitespace is left.
    mutating func consumesRest() -> Bool {
        skipWhitespace()
        return isAtEnd
    }

    mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it is next (after whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if position < end, bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }

    func describeByte() -> String {
        guard position < end else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard position < end else { throw fail("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected \(describeByte()), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = position
        if end - position >= count {
            var matches = true
            literal.withUTF8Buffer { text in
                for index in 0..<count where bytes[start + index] != text[index] { matches = false }
            }
            if matches {
                position += count
                return
            }
        }
        throw fail("unexpected \(describeByte()), expected a value")
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        depth += 1
        if depth > Self.maximumDepth { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        defer { depth -= 1 }
        position += 1
        var members: [JSONMember] = []
        members.reserveCapacity(8)
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("unexpected \(describeByte()), expected a string key")
            }
            let key = try parseString()
            guard consume(UInt8(ascii: ":")) else { throw fail("unexpected \(describeByte()), expected ':'") }
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value))
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return .object(members) }
            throw fail("unexpected \(describeByte()), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        depth += 1
        if depth > Self.maximumDepth { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            elements.append(try parseValue())
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            throw fail("unexpected \(describeByte()), expected ',' or ']'")
        }
    }

    /// Reads a string starting at its opening quote.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var isASCII = true
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if isASCII { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: start, message: "string is not valid UTF-8")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                position = start
                return try parseEscapedString()
            }
            if byte < 0x20 { throw fail("control character in string (escape it)") }
            if byte >= 0x80 { isASCII = false }
            position += 1
        }
        throw fail("unterminated string")
    }

    /// Reads a string of printable ASCII without escapes, from its opening quote, and returns
    /// where its content lies; nil for any other string or when no string starts here (the reader's
    /// position is then unspecified: the caller drops the reader and starts over with
    /// `parseString`). Such a string's bytes are its text, so keys can be compared without
    /// building a `String`.
    mutating func parsePlainString() -> Range<Int>? {
        guard position < end, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return start..<(position - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            position += 1
        }
        return nil
    }

    /// The slow path of `parseString` for strings holding escapes; `position` is after the quote.
    private mutating func parseEscapedString() throws(JSONSyntaxError) -> String {
        var utf8: [UInt8] = []
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw fail("string is not valid UTF-8")
                }
                return text
            }
            if byte < 0x20 { throw fail("control character in string (escape it)") }
            if byte != UInt8(ascii: "\\") {
                utf8.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < end else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): utf8.append(0x22)
            case UInt8(ascii: "\\"): utf8.append(0x5C)
            case UInt8(ascii: "/"): utf8.append(0x2F)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard end - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw fail("unpaired surrogate in \\u escape") }
                    position += 2
                    let low = try parseHex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw fail("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    throw fail("unpaired surrogate in \\u escape")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                utf8.append(contentsOf: unicode.utf8)
            default:
                position -= 1
                throw fail("invalid escape \\\(describeByte())")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard end - position >= 4 else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit \(describeByte()) in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Reads a number per the JSON grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        guard position < end, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, isDigit(bytes[position]) { throw fail("invalid number: leading zero") }
        } else {
            while position < end, isDigit(bytes[position]) {
                accumulate(bytes[position], into: &mantissa, digits: &significantDigits, exponent: &decimalExponent, fraction: false)
                position += 1
            }
        }
        var isInteger = true
        if position < end, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit after '.'") }
            while position < end, isDigit(bytes[position]) {
                accumulate(bytes[position], into: &mantissa, digits: &significantDigits, exponent: &decimalExponent, fraction: true)
                position += 1
            }
        }
        if position < end, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            var exponentNegative = false
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < end, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit in the exponent") }
            var exponent = 0
            while position < end, isDigit(bytes[position]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
                position += 1
            }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        let literal = start..<position
        // More than 19 significant digits overflow the mantissa: the fast path then declines.
        let value = (significantDigits <= 19
            ? exactDecimalToDouble(mantissa: mantissa, exponent: decimalExponent, negative: negative) : nil)
            ?? slowDouble(literal)
        return JSONNumber(value: value, literal: literal, isInteger: isInteger)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private func accumulate(_ byte: UInt8, into mantissa: inout UInt64, digits: inout Int, exponent: inout Int, fraction: Bool) {
        let digit = UInt64(byte - UInt8(ascii: "0"))
        if digits == 0 && digit == 0 {
            // Leading zeros (as in 0.000123) are not significant.
            if fraction { exponent -= 1 }
            return
        }
        digits += 1
        if digits <= 19 { mantissa = mantissa &* 10 &+ digit }
        if fraction { exponent -= 1 }
    }

    private func slowDouble(_ literal: Range<Int>) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[literal]), as: UTF8.self)
        // The grammar was checked above, and the standard library accepts every JSON number.
        return Double(text) ?? .nan
    }

    /// The literal text of a number read from this buffer.
    func text(of number: JSONNumber) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[number.literal]), as: UTF8.self)
    }
}
