/// Parses RFC 3339 date-times (`2026-11-21T10:00:00.123Z`, `2026-11-21T12:00:00+02:00`) into
/// seconds since the Unix epoch.
///
/// Hand-written and pure: Foundation's date formatters are slow and locale-bound, and ingest
/// parses one timestamp per event. Accepted: a 4-digit year (0000–9999), `T`, `t` or a space
/// between date and time (RFC 3339 §5.6 note), any number of fraction digits, `Z`, `z` or a
/// `±HH:MM` offset. Refused: calendar-invalid dates (Feb 30, Feb 29 outside leap years, month 13),
/// hour ≥ 24, minute ≥ 60, second 60 (leap seconds, which Python's `datetime` refuses too),
/// offsets beyond ±23:59, missing offsets and trailing text.
///
/// The result is the double nearest to the exact instant: with ≤ 6 fraction digits it equals
/// Python's `datetime.fromisoformat(text).timestamp()` bit for bit (integer microseconds divided
/// by 10^6, one correctly rounded division); longer fractions are rounded correctly too.
public enum RFC3339Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    public static func epochSeconds(_ text: String) throws(TimestampError) -> Double {
        var copy = text
        let result = copy.withUTF8 { bytes in
            Result { () throws(TimestampError) -> Double in try epochSeconds(bytes) }
        }
        return try result.get()
    }

    static func epochSeconds(_ bytes: UnsafeBufferPointer<UInt8>) throws(TimestampError) -> Double {
        var cursor = Cursor(bytes: bytes)
        func reject(_ reason: String) -> TimestampError {
            TimestampError(text: String(decoding: bytes, as: UTF8.self), reason: reason)
        }
        guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(2)
        else { throw reject("expected a date YYYY-MM-DD") }
        guard cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t")) || cursor.take(UInt8(ascii: " ")) else {
            throw reject("expected 'T' between date and time")
        }
        guard let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let minute = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let second = cursor.digits(2)
        else { throw reject("expected a time HH:MM:SS") }
        var fractionDigits = 0
        var fractionValue: Int64 = 0
        var fractionStart = 0
        if cursor.take(UInt8(ascii: ".")) {
            fractionStart = cursor.position
            while let digit = cursor.digit() {
                if fractionDigits < 6 { fractionValue = fractionValue * 10 + Int64(digit) }
                fractionDigits += 1
            }
            if fractionDigits == 0 { throw reject("expected digits after '.'") }
        }
        var offsetSeconds = 0
        if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if let sign = cursor.takeSign() {
            guard let offsetHour = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let offsetMinute = cursor.digits(2) else {
                throw reject("expected an offset ±HH:MM")
            }
            if offsetHour > 23 || offsetMinute > 59 { throw reject("offset out of range") }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            throw reject("expected 'Z' or an offset ±HH:MM")
        }
        if !cursor.isAtEnd { throw reject("unexpected text after the offset") }

        if month < 1 || month > 12 { throw reject("month \(month) out of range") }
        let monthLength = daysIn(month: month, year: year)
        if day < 1 || day > monthLength { throw reject("day \(day) out of range for month \(month) of \(year)") }
        if hour > 23 { throw reject("hour \(hour) out of range") }
        if minute > 59 { throw reject("minute \(minute) out of range") }
        if second > 59 { throw reject("second \(second) out of range") }

        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let whole = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        if fractionDigits <= 6 {
            var scale: Int64 = 1
            for _ in fractionDigits..<6 { scale *= 10 }
            let micros = whole * 1_000_000 + fractionValue * scale
            if micros.magnitude <= 1 << 53 { return Double(micros) / 1_000_000 }
        }
        let fraction = bytes[fractionStart..<fractionStart + fractionDigits].map { $0 - UInt8(ascii: "0") }
        return decimalSeconds(whole: whole, fraction: fraction)
    }

    /// The correctly rounded double of `whole + 0.fraction` via the standard library's decimal
    /// parser; for instants before the epoch the fraction is complemented (−100 + 0.25 = −99.75).
    private static func decimalSeconds(whole: Int64, fraction: [UInt8]) -> Double {
        let significant = fraction.lastIndex(where: { $0 != 0 }).map { Array(fraction[...$0]) } ?? []
        if significant.isEmpty { return Double(whole) }
        if whole >= 0 {
            return Double("\(whole)." + String(decoding: significant.map { $0 + 0x30 }, as: UTF8.self)) ?? .nan
        }
        var complement = significant
        var index = complement.count - 1
        complement[index] = 10 - complement[index]
        while index > 0 {
            index -= 1
            complement[index] = 9 - complement[index]
        }
        let integer = whole + 1
        let sign = integer == 0 ? "-" : ""
        return Double("\(sign)\(integer)." + String(decoding: complement.map { $0 + 0x30 }, as: UTF8.self)) ?? .nan
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var isAtEnd: Bool { position >= bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func takeSign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }

        mutating func digit() -> Int? {
            guard position < bytes.count else { return nil }
            let value = bytes[position] &- UInt8(ascii: "0")
            guard value < 10 else { return nil }
            position += 1
            return Int(value)
        }

        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let next = digit() else { return nil }
                value = value * 10 + next
            }
            return value
        }
    }
}

/// A timestamp that is not valid RFC 3339, with the reason.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid RFC 3339 timestamp '\(text)': \(reason)" }
}
