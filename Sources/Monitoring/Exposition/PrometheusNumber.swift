/// How the writers spell numbers: the shortest decimal that parses back to the same `Double`, laid
/// out as Go's `strconv.FormatFloat(x, 'g', -1, 64)` — the spelling of Prometheus itself and of its
/// Go client, so driftwatch's output diffs cleanly against theirs.
///
/// - `1027`, `0.25`, `123456.7`, `1e+06`, `1.234567e+06`, `0.0001`, `1e-05`, `5e-324`,
///   `1.7976931348623157e+308`: decimal notation for decimal exponents −4…5, else `d.ddde±XX`.
/// - `NaN`, `+Inf`, `-Inf`: the spellings both formats define (swift-prometheus writes `nan`/`inf`).
/// - Negative zero is `-0.0`, not Go's `-0`: parsers that try integers first (prometheus_client)
///   read `-0` as `0` and lose the sign.
///
/// The digits are those of Swift's `description`, which is the shortest round-tripping form.
public enum PrometheusNumber {
    /// A sample value.
    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0" }
        let (digits, point) = shortestDigits(value.magnitude)
        var out = value < 0 ? "-" : ""
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            out.unicodeScalars.append(Unicode.Scalar(digits[0]))
            if digits.count > 1 {
                out += "."
                out += String(decoding: digits[1...], as: UTF8.self)
            }
            out += exponent < 0 ? "e-" : "e+"
            let magnitude = exponent.magnitude
            if magnitude < 10 { out += "0" }
            out += String(magnitude)
        } else if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        } else if point >= digits.count {
            out += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: point - digits.count)
        } else {
            out += String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
        }
        return out
    }

    /// OpenMetrics' canonical form, used for `le` bounds in both formats: ``text(_:)`` with `.0`
    /// added when it would read as an integer (`1.0`, `0.005`, `1e+06`, `+Inf`). Prometheus 3
    /// normalises `le` to this spelling, so a series keeps one name under either format.
    public static func canonical(_ value: Double) -> String {
        let plain = text(value)
        guard value.isFinite, !plain.utf8.contains(UInt8(ascii: ".")), !plain.utf8.contains(UInt8(ascii: "e")) else {
            return plain
        }
        return plain + ".0"
    }

    /// Significant digits (ASCII, no leading or trailing zeros) and the decimal point position:
    /// `value == 0.d₁d₂… × 10^point`. `value` is finite and positive. Go's shortest formats
    /// (`%v`, `%g` without precision) use the same digits.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        let description = value.description.utf8
        var digits: [UInt8] = []
        var point = 0
        var seenDot = false
        var exponent = 0
        var index = description.startIndex
        while index != description.endIndex {
            let byte = description[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(Substring(description[description.index(after: index)...])) ?? 0
                break
            }
            if byte == UInt8(ascii: ".") {
                seenDot = true
            } else {
                if digits.isEmpty && byte == UInt8(ascii: "0") {
                    if seenDot { point -= 1 }
                } else {
                    digits.append(byte)
                    if !seenDot { point += 1 }
                }
            }
            index = description.index(after: index)
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, point + exponent)
    }
}
