/// Go's `strconv.ParseFloat(text, 64)`, which Prometheus' humanize functions apply to string
/// arguments (`{{ $labels.bytes | humanize1024 }}`).
///
/// Accepted, as in Go: an optional sign; decimal digits with an optional point and `e` exponent;
/// hexadecimal mantissas (`0x1.8p3`), which need a `p` exponent; `_` between digits (`1_000`);
/// `inf`, `infinity` with an optional sign and `nan` without one, in any case. Nothing else:
/// no spaces, no trailing text. A value beyond the largest double is an error ("value out of
/// range"), not ±Inf; one below the smallest subnormal reads as zero.
enum GoParseFloat {
    /// The error in Go's words: `strconv.ParseFloat: parsing "abc": invalid syntax`.
    struct Failure: Error, Sendable, Equatable {
        let text: String
        let outOfRange: Bool

        var message: String {
            "strconv.ParseFloat: parsing \(GoQuote.quote(text)): " + (outOfRange ? "value out of range" : "invalid syntax")
        }
    }

    static func parse(_ text: String) -> Result<Double, Failure> {
        if let special = special(text) { return .success(special) }
        let bytes = Array(text.utf8)
        guard isWellFormed(bytes) else { return .failure(Failure(text: text, outOfRange: false)) }
        let digits = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(digits) else { return .failure(Failure(text: text, outOfRange: false)) }
        if value.isInfinite { return .failure(Failure(text: text, outOfRange: true)) }
        return .success(value)
    }

    private static func special(_ text: String) -> Double? {
        let lowered = text.lowercased()
        switch lowered {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// Go's `readFloat` grammar, consuming the whole text, and its underscore rule.
    private static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var hexadecimal = false
        if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            hexadecimal = true
            index += 2
        }
        var sawDigits = false
        var sawPoint = false
        var underscores = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                underscores = true
            } else if byte == UInt8(ascii: ".") {
                if sawPoint { break }
                sawPoint = true
            } else if isDigit(byte, hexadecimal: hexadecimal) {
                sawDigits = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigits else { return false }
        let exponentLetter = hexadecimal ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if index < bytes.count, bytes[index] | 0x20 == exponentLetter {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index], hexadecimal: false) else { return false }
            while index < bytes.count, isDigit(bytes[index], hexadecimal: false) || bytes[index] == UInt8(ascii: "_") {
                if bytes[index] == UInt8(ascii: "_") { underscores = true }
                index += 1
            }
        } else if hexadecimal {
            return false
        }
        guard index == bytes.count else { return false }
        return !underscores || underscoresAreBetweenDigits(bytes)
    }

    /// Go's `underscoreOK`, shared by its integer and float parsers: an underscore must follow a
    /// digit or the base prefix (`0b`, `0o`, `0x`) and be followed by a digit.
    static func underscoresAreBetweenDigits(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { body = body.dropFirst() }
        var previous: Character = "^"
        var hexadecimal = false
        if body.count >= 2, body[body.startIndex] == UInt8(ascii: "0"),
            [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")].contains(body[body.startIndex + 1] | 0x20)
        {
            hexadecimal = body[body.startIndex + 1] | 0x20 == UInt8(ascii: "x")
            previous = "0"
            body = body.dropFirst(2)
        }
        for byte in body {
            if isDigit(byte, hexadecimal: hexadecimal) {
                previous = "0"
            } else if byte == UInt8(ascii: "_") {
                if previous != "0" { return false }
                previous = "_"
            } else {
                if previous == "_" { return false }
                previous = "!"
            }
        }
        return previous != "_"
    }

    private static func isDigit(_ byte: UInt8, hexadecimal: Bool) -> Bool {
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return true }
        let lower = byte | 0x20
        return hexadecimal && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")
    }
}
