/// Prometheus' humanize template functions, as `template/template.go` of Prometheus 2.42 defines
/// them, with Go's `%.4g` (four significant digits, ``GoFloatFormat``) for every number.
///
/// - `humanize`: SI prefixes `k M G T P E Z Y` dividing by 1000 while |v| ≥ 1000, or
///   `m u n p f a z y` multiplying by 1000 while |v| < 1 (`1234` → `1.234k`, `0.0012` → `1.2m`).
///   0, NaN and ±Inf print bare.
/// - `humanize1024`: binary prefixes `ki Mi Gi Ti Pi Ei Zi Yi` while |v| ≥ 1024; |v| ≤ 1, NaN and
///   ±Inf print bare.
/// - `humanizeDuration`: seconds as `1d 2h 3m 4s` (whole seconds once there is a minute),
///   `1.5s`, or `500ms`/`1.5us` (the small SI prefixes, with `s`); `0s`; NaN and ±Inf bare.
/// - `humanizePercentage`: v × 100 with `%`.
/// - `humanizeTimestamp`: seconds since the epoch as Go prints a UTC `time.Time`,
///   `2017-07-14 02:40:00.5 +0000 UTC`, truncated to milliseconds as Prometheus' `model.Time`
///   does.
///
/// Where Go converts a float beyond the `int64` range to an integer (`humanizeDuration` of 1e20,
/// `humanizeTimestamp` of exactly 2^63 ns), Prometheus gets what amd64's conversion gives, the
/// smallest `int64`, and prints the odd result (`-106751991167300d -15h -30m -8s`); so does this.
enum PrometheusHumanize {
    static func humanize(_ value: Double) -> String {
        if value == 0 || !value.isFinite { return fourDigits(value) }
        var scaled = value
        var prefix = ""
        if scaled.magnitude >= 1 {
            for candidate in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if scaled.magnitude < 1000 { break }
                prefix = candidate
                scaled /= 1000
            }
        } else {
            for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
                if scaled.magnitude >= 1 { break }
                prefix = candidate
                scaled *= 1000
            }
        }
        return fourDigits(scaled) + prefix
    }

    static func humanize1024(_ value: Double) -> String {
        if value.magnitude <= 1 || !value.isFinite { return fourDigits(value) }
        var scaled = value
        var prefix = ""
        for candidate in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if scaled.magnitude < 1024 { break }
            prefix = candidate
            scaled /= 1024
        }
        return fourDigits(scaled) + prefix
    }

    static func humanizeDuration(_ value: Double) -> String {
        if !value.isFinite { return fourDigits(value) }
        if value == 0 { return fourDigits(value) + "s" }
        if value.magnitude >= 1 {
            let sign = value < 0 ? "-" : ""
            let magnitude = value.magnitude
            let duration = goInt64(magnitude)
            let seconds = duration % 60
            let minutes = (duration / 60) % 60
            let hours = (duration / 60 / 60) % 24
            let days = duration / 60 / 60 / 24
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + fourDigits(magnitude) + "s"
        }
        var scaled = value
        var prefix = ""
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if scaled.magnitude >= 1 { break }
            prefix = candidate
            scaled *= 1000
        }
        return fourDigits(scaled) + prefix + "s"
    }

    static func humanizePercentage(_ value: Double) -> String {
        fourDigits(value * 100) + "%"
    }

    /// The UTC time, or Prometheus' error text when `value` seconds do not fit in `int64`
    /// nanoseconds.
    static func humanizeTimestamp(_ value: Double) -> Result<String, TimestampOverflow> {
        if !value.isFinite { return .success(fourDigits(value)) }
        let nanoseconds = value * 1e9
        if nanoseconds > 0x1p63 || nanoseconds < -0x1p63 { return .failure(TimestampOverflow(value: value)) }
        let milliseconds = goInt64(nanoseconds) / 1_000_000
        return .success(utcText(milliseconds: milliseconds))
    }

    /// Prometheus' message for a timestamp beyond `int64` nanoseconds.
    struct TimestampOverflow: Error, Sendable, Equatable {
        let value: Double

        var message: String {
            GoFormat.sprint([.float(value)]) + " cannot be represented as a nanoseconds timestamp since it overflows int64"
        }
    }

    private static func fourDigits(_ value: Double) -> String {
        GoFormat.sprintf("%.4g", [.float(value)])
    }

    /// Go's `int64(f)` on amd64: truncation toward zero, and the smallest `int64` for anything
    /// outside the range (the hardware's "integer indefinite" result).
    private static func goInt64(_ value: Double) -> Int64 {
        guard value >= -0x1p63 && value < 0x1p63 else { return .min }
        return Int64(value)
    }

    /// `time.Time.String()` of a UTC instant: `2006-01-02 15:04:05.999999999 +0000 UTC`, the
    /// fraction without trailing zeros and absent when zero.
    private static func utcText(milliseconds: Int64) -> String {
        let (seconds, millisecond) = floorDivision(milliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) "
        text += "\(padded(secondOfDay / 3600, 2)):\(padded(secondOfDay / 60 % 60, 2)):\(padded(secondOfDay % 60, 2))"
        if millisecond != 0 {
            var fraction = padded(millisecond, 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + " +0000 UTC"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
