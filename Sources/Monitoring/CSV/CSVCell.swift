/// How the text of a CSV cell becomes a typed value; shared by `CSVFeatureTable` and
/// `CSVSchemaInference`, so an inferred type never rejects a cell it was inferred from.
///
/// - Missing markers (numeric and boolean cells): the empty cell, and `NA`, `NaN`, `null` in any
///   letter case; spaces and tabs around them are ignored. Categorical cells are missing only when
///   empty, because `NA` is a real category (Namibia, "not applicable") and a JSON event's string
///   is kept verbatim too.
/// - Numbers: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, spaces and tabs around
///   allowed, leading zeros allowed; correctly rounded to the nearest double (a 53-bit exact fast
///   path, else the standard library's correctly rounded parser), so a value equals
///   `Double(String)` bit for bit. Hexadecimal, digit separators, `inf` and `nan` spellings other
///   than the missing markers are not numbers; a literal beyond the double range (`1e400`) is
///   refused, never infinity.
/// - Booleans: `true`/`false`, `1`/`0`, `yes`/`no`, in any letter case, spaces around allowed.
enum CSVCell {
    enum Number: Equatable {
        case missing
        case value(Double)
        case outOfRange
        case invalid
    }

    enum Boolean: Equatable {
        case missing
        case value(Bool)
        case invalid
    }

    /// The cell without surrounding spaces and tabs.
    @inline(__always)
    static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = cell.count
        while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
        if start == 0, end == cell.count { return cell }
        return UnsafeBufferPointer(rebasing: cell[start..<end])
    }

    /// Whether trimmed text is a missing marker: empty, `NA`, `NaN` or `null` in any case.
    @inline(__always)
    static func isMissingMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch text.count {
        case 0: return true
        case 2: return lower(text[0]) == 0x6E && lower(text[1]) == 0x61
        case 3: return lower(text[0]) == 0x6E && lower(text[1]) == 0x61 && lower(text[2]) == 0x6E
        case 4:
            return lower(text[0]) == 0x6E && lower(text[1]) == 0x75 && lower(text[2]) == 0x6C && lower(text[3]) == 0x6C
        default: return false
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    static func number(_ cell: UnsafeBufferPointer<UInt8>) -> Number {
        let text = trimmed(cell)
        let count = text.count
        var position = 0
        var negative = false
        if position < count, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
            negative = text[position] == UInt8(ascii: "-")
            position += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digits = 0
        while position < count, text[position] &- 0x30 < 10 {
            accumulate(text[position], &mantissa, &significantDigits, &exponent, fraction: false)
            digits += 1
            position += 1
        }
        if position < count, text[position] == UInt8(ascii: ".") {
            position += 1
            while position < count, text[position] &- 0x30 < 10 {
                accumulate(text[position], &mantissa, &significantDigits, &exponent, fraction: true)
                digits += 1
                position += 1
            }
        }
        if digits == 0 { return isMissingMarker(text) ? .missing : .invalid }
        if position < count, text[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < count, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
                exponentNegative = text[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < count, text[position] &- 0x30 < 10 else { return .invalid }
            var written = 0
            while position < count, text[position] &- 0x30 < 10 {
                if written < 100_000 { written = written * 10 + Int(text[position] &- 0x30) }
                position += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if position != count { return .invalid }
        // More than 19 significant digits overflow the mantissa: the fast path then declines.
        let value = (significantDigits <= 19
            ? exactDecimalToDouble(mantissa: mantissa, exponent: exponent, negative: negative) : nil)
            ?? Double(Substring(decoding: text, as: UTF8.self))
        guard let value else { return .invalid }
        return value.isFinite ? .value(value) : .outOfRange
    }

    @inline(__always)
    private static func accumulate(
        _ byte: UInt8, _ mantissa: inout UInt64, _ digits: inout Int, _ exponent: inout Int, fraction: Bool
    ) {
        let digit = UInt64(byte &- 0x30)
        if digits == 0, digit == 0 {
            // Leading zeros (as in 0.000123 or 007) are not significant.
            if fraction { exponent -= 1 }
            return
        }
        digits += 1
        if digits <= 19 { mantissa = mantissa &* 10 &+ digit }
        if fraction { exponent -= 1 }
    }

    static func boolean(_ cell: UnsafeBufferPointer<UInt8>) -> Boolean {
        let text = trimmed(cell)
        if isMissingMarker(text) { return .missing }
        if matches(text, "true") || matches(text, "1") || matches(text, "yes") { return .value(true) }
        if matches(text, "false") || matches(text, "0") || matches(text, "no") { return .value(false) }
        return .invalid
    }

    /// Whether trimmed text is `true` or `false` in any case: the only spellings inference takes
    /// as boolean (a 0/1 column is numeric, a yes/no column categorical).
    static func isTrueOrFalse(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = trimmed(cell)
        return matches(text, "true") || matches(text, "false")
    }

    /// Case-insensitive comparison with a lowercase ASCII word.
    @inline(__always)
    static func matches(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard text.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<text.count where lower(text[index]) != expected[index] { return false }
        return true
    }

    /// A cell's text for an error message, cut to 64 characters so a runaway cell cannot flood
    /// the response.
    static func quoted(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        "'\(shown(cell))'"
    }

    /// A cell's text cut to 64 characters, unquoted, as the batch decoder shows number literals.
    static func shown(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: cell, as: UTF8.self)
        if text.count <= 64 { return text }
        return "\(text.prefix(63))…"
    }
}
