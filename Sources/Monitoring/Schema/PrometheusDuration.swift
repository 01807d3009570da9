/// Prometheus' duration syntax (`model.ParseDuration`): a sequence of integer-unit pairs with units
/// `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`, each at most once and in that order; no fractions,
/// no signs, no spaces; a bare `0` is zero. Used by windows (`WindowSpec`) and by rules' `for`,
/// `keep_firing_for` and `allowed_lateness`.
public enum PrometheusDuration {
    /// The duration in whole milliseconds. Zero (`0`, `0s`) is refused unless `allowingZero`, as
    /// a rule's `for: 0s` is valid and a window of no length is not.
    public static func milliseconds(_ text: String, allowingZero: Bool) throws(WindowSpecError) -> Int64 {
        if text.isEmpty { throw .emptyDuration }
        // Ordered as Prometheus requires: each unit once, larger units first.
        let units: [(name: String, milliseconds: Int64)] = [
            ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000),
            ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
        ]
        let bytes = Array(text.utf8)
        var index = 0
        var nextUnit = 0
        var total: Int64 = 0
        while index < bytes.count {
            let digitsStart = index
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int64(bytes[index] - 0x30))
                if overflow1 || overflow2 { throw .durationOutOfRange(text) }
                value = sum
                index += 1
            }
            if index == digitsStart {
                throw .malformedDuration(text, reason: "expected a number at position \(index + 1)")
            }
            let unitStart = index
            while index < bytes.count, !(bytes[index] >= 0x30 && bytes[index] <= 0x39) { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            if unit.isEmpty {
                // Prometheus accepts a bare "0"; any other bare number lacks its unit.
                if digitsStart == 0, index == bytes.count, value == 0 {
                    if allowingZero { return 0 }
                    throw .nonPositiveDuration(text)
                }
                throw .malformedDuration(text, reason: "missing unit after \(value) (use ms, s, m, h, d, w or y)")
            }
            guard let position = units.firstIndex(where: { $0.name == unit }) else {
                throw .malformedDuration(text, reason: "unknown unit '\(unit)' (use ms, s, m, h, d, w or y)")
            }
            if position < nextUnit {
                throw .malformedDuration(text, reason: "unit '\(unit)' repeated or out of order (order: y w d h m s ms)")
            }
            nextUnit = position + 1
            let (part, overflow1) = value.multipliedReportingOverflow(by: units[position].milliseconds)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            if overflow1 || overflow2 { throw .durationOutOfRange(text) }
            total = sum
        }
        if total <= 0 && !allowingZero { throw .nonPositiveDuration(text) }
        return total
    }
}
