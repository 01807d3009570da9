/// Name rules of the Prometheus data model, kept to the legacy character set that both the 0.0.4
/// text format and OpenMetrics 1.0 accept without quoting.
enum PrometheusName {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isMetricName(_ text: String) -> Bool {
        matches(text, colon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*` (reservations are checked apart, so the error can name them).
    static func isLabelName(_ text: String) -> Bool {
        matches(text, colon: false)
    }

    /// Prometheus reserves `__` (`__name__`, `__address__`); OpenMetrics 1.0 reserves every label name
    /// starting with `_`. One ``MetricSet`` is written in either format, so the stricter rule holds.
    static func isReservedLabelName(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "_")
    }

    /// OpenMetrics' `# UNIT` token: `[a-zA-Z0-9_:]+`.
    static func isUnit(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") }
    }

    private static func matches(_ text: String, colon: Bool) -> Bool {
        var first = true
        for byte in text.utf8 {
            let allowed = isLetter(byte) || byte == UInt8(ascii: "_") || (colon && byte == UInt8(ascii: ":")) || (!first && isDigit(byte))
            guard allowed else { return false }
            first = false
        }
        return !first
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
