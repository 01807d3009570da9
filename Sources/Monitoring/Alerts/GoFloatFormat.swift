/// Go's `strconv.FormatFloat(value, format, precision, 64)`: the float spellings behind every
/// `fmt` verb of a `float64` (`%v`, `%e`, `%f`, `%g`, `%b`, `%x`), and so behind Prometheus'
/// `{{ $value }}` and its humanize functions (`%.4g`).
///
/// - `e`/`E`: `d.ddde±dd` with `precision` fraction digits (at least two exponent digits).
/// - `f`: `ddd.ddd` with `precision` fraction digits.
/// - `g`/`G`: `precision` significant digits, trailing zeros removed; `e` form when the decimal
///   exponent is below −4 or at least the precision (at least 6 for the shortest form, so
///   `100000` but `1e+06`).
/// - `b`: `mantissap±exponent`, a decimal mantissa and a binary exponent.
/// - `x`/`X`: `0x1.hhhp±dd`, a hexadecimal fraction and a binary exponent.
///
/// A negative `precision` asks for the fewest digits that read back as the same double (the
/// digits of Swift's `description`, via ``PrometheusNumber``). Negative zero keeps its sign
/// (`-0`); infinities are `+Inf`/`-Inf` and NaN is `NaN`, as in Go.
enum GoFloatFormat {
    static func format(_ value: Double, _ format: Character, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        switch format {
        case "b": return sign + binaryExponent(value.magnitude)
        case "x", "X": return sign + hexadecimal(value.magnitude, uppercase: format == "X", precision: precision)
        default: return sign + decimal(value.magnitude, format, precision: precision)
        }
    }

    private static func decimal(_ magnitude: Double, _ format: Character, precision requested: Int) -> String {
        let shortest = requested < 0
        var precision = requested
        let number: ExactDecimal
        if shortest {
            if magnitude == 0 {
                number = ExactDecimal(digits: [], point: 0)
            } else {
                let (digits, point) = PrometheusNumber.shortestDigits(magnitude)
                number = ExactDecimal(digits: digits, point: point)
            }
            switch format {
            case "e", "E": precision = max(number.digits.count - 1, 0)
            case "f": precision = max(number.digits.count - number.point, 0)
            default: precision = number.digits.count
            }
        } else {
            let exact = ExactDecimal(magnitude)
            switch format {
            case "e", "E":
                number = exact.rounded(toDigits: precision + 1)
            case "f":
                number = exact.rounded(toDigits: exact.point + precision)
            default:
                if precision == 0 { precision = 1 }
                number = exact.rounded(toDigits: precision)
            }
        }
        switch format {
        case "e", "E": return exponentForm(number, fractionDigits: precision, letter: format)
        case "f": return pointForm(number, fractionDigits: precision)
        default:
            let count = number.digits.count
            var exponentThreshold = precision
            if exponentThreshold > count && count >= number.point { exponentThreshold = count }
            if shortest { exponentThreshold = 6 }
            let exponent = number.point - 1
            if exponent < -4 || exponent >= exponentThreshold {
                return exponentForm(number, fractionDigits: min(precision, count) - 1, letter: format == "G" ? "E" : "e")
            }
            let significant = precision > number.point ? count : precision
            return pointForm(number, fractionDigits: max(significant - number.point, 0))
        }
    }

    private static func exponentForm(_ number: ExactDecimal, fractionDigits: Int, letter: Character) -> String {
        let digits = number.digits
        var out = digits.isEmpty ? "0" : String(UnicodeScalar(digits[0]))
        if fractionDigits > 0 {
            out += "."
            for index in 1...fractionDigits {
                out.unicodeScalars.append(index < digits.count ? UnicodeScalar(digits[index]) : "0")
            }
        }
        out.append(letter)
        let exponent = digits.isEmpty ? 0 : number.point - 1
        out += exponent < 0 ? "-" : "+"
        let magnitude = exponent.magnitude
        if magnitude < 10 { out += "0" }
        return out + String(magnitude)
    }

    private static func pointForm(_ number: ExactDecimal, fractionDigits: Int) -> String {
        let digits = number.digits
        var out = ""
        if number.point > 0 {
            for index in 0..<number.point {
                out.unicodeScalars.append(index < digits.count ? UnicodeScalar(digits[index]) : "0")
            }
        } else {
            out = "0"
        }
        if fractionDigits > 0 {
            out += "."
            for offset in 0..<fractionDigits {
                let index = number.point + offset
                out.unicodeScalars.append(index >= 0 && index < digits.count ? UnicodeScalar(digits[index]) : "0")
            }
        }
        return out
    }

    /// The significand with its implicit bit, and the binary exponent of that bit: the value is
    /// `mantissa × 2^(exponent − 52)`. Subnormals share the smallest normal exponent.
    private static func parts(_ magnitude: Double) -> (mantissa: UInt64, exponent: Int) {
        let bits = magnitude.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & ((1 << 52) - 1)
        if biased == 0 { return (fraction, -1022) }
        return (fraction | (1 << 52), biased - 1023)
    }

    private static func binaryExponent(_ magnitude: Double) -> String {
        let (mantissa, exponent) = parts(magnitude)
        let power = exponent - 52
        return String(mantissa) + "p" + (power >= 0 ? "+" : "") + String(power)
    }

    /// The significand is normalised so its leading 1 sits at bit 60, leaving four guard bits
    /// below the 13 hexadecimal fraction digits for rounding (half to even) to `precision` digits.
    private static func hexadecimal(_ magnitude: Double, uppercase: Bool, precision: Int) -> String {
        var (mantissa, exponent) = parts(magnitude)
        if mantissa == 0 { exponent = 0 }
        mantissa <<= 8
        while mantissa != 0 && mantissa & (1 << 60) == 0 {
            mantissa <<= 1
            exponent -= 1
        }
        if precision >= 0 && precision < 15 {
            let shift = UInt64(precision * 4)
            let dropped = (mantissa << shift) & ((1 << 60) - 1)
            mantissa >>= 60 - shift
            if dropped | (mantissa & 1) > 1 << 59 { mantissa += 1 }
            mantissa <<= 60 - shift
            if mantissa & (1 << 61) != 0 {
                mantissa >>= 1
                exponent += 1
            }
        }
        let hexDigits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").unicodeScalars)
        var out = uppercase ? "0X" : "0x"
        out += (mantissa >> 60) & 1 == 1 ? "1" : "0"
        mantissa <<= 4
        if precision < 0 && mantissa != 0 {
            out += "."
            while mantissa != 0 {
                out.unicodeScalars.append(hexDigits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        } else if precision > 0 {
            out += "."
            for _ in 0..<precision {
                out.unicodeScalars.append(hexDigits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        }
        out += uppercase ? "P" : "p"
        out += exponent < 0 ? "-" : "+"
        let magnitudeText = String(exponent.magnitude)
        return out + (magnitudeText.count < 2 ? "0" : "") + magnitudeText
    }
}
