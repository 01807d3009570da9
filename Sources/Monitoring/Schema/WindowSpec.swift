/// How a model's traffic is cut into tumbling windows: by event-time duration or by row count.
///
/// The JSON form is a Prometheus duration string (`"1h"`, `"30m"`, `"1h30m"`, `"90s"`, `"1d"`) or
/// `{"rows": N}`. Durations follow Prometheus' `model.ParseDuration` exactly: a sequence of
/// integer-unit pairs with units `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`, each at most once and
/// in that order; no fractions, no signs, no spaces. Unlike Prometheus, a window must be longer than
/// zero, and a row window must hold at least one row.
public enum WindowSpec: Sendable, Equatable, Hashable {
    /// A tumbling event-time window of this many seconds (> 0).
    case duration(seconds: Double)
    /// A window that closes after this many rows (≥ 1).
    case rows(Int)

    /// Parses a Prometheus duration string into a `.duration` window.
    public static func parseDuration(_ text: String) throws(WindowSpecError) -> WindowSpec {
        .duration(seconds: Double(try parseMilliseconds(text)) / 1000)
    }

    /// The duration in whole milliseconds, for the canonical form and exact arithmetic.
    static func parseMilliseconds(_ text: String) throws(WindowSpecError) -> Int64 {
        try PrometheusDuration.milliseconds(text, allowingZero: false)
    }

    /// Whole milliseconds of a duration, nil when not finite or beyond `Int64`.
    private static func milliseconds(_ seconds: Double) -> Int64? {
        Int64(exactly: (seconds * 1000).rounded())
    }

    /// Validates a window built in code rather than parsed: durations of at least 1 ms and below 2^63 ms, rows ≥ 1.
    public func validate() throws(WindowSpecError) {
        switch self {
        case let .duration(seconds):
            if !(seconds > 0) { throw .nonPositiveDuration(String(seconds)) }
            guard let milliseconds = Self.milliseconds(seconds) else { throw .durationOutOfRange(String(seconds)) }
            // The duration syntax counts whole milliseconds; a shorter window could not be written.
            if milliseconds == 0 { throw .nonPositiveDuration(String(seconds)) }
        case let .rows(count):
            if count < 1 { throw .nonPositiveRows(count) }
        }
    }

    /// The canonical text of a duration window, as Prometheus prints durations: the largest units
    /// first, `y` and `w` only when they divide the whole duration (so 8 days is `8d`, not `1w1d`),
    /// rounded to the millisecond. Parsing it gives back the same window. `nil` for a row window
    /// and for a duration that `validate()` refuses.
    public var canonicalDuration: String? {
        guard case let .duration(seconds) = self, seconds > 0, var remaining = Self.milliseconds(seconds) else {
            return nil
        }
        if remaining == 0 { return nil }
        let total = remaining
        var text = ""
        let units: [(name: String, milliseconds: Int64, wholeOnly: Bool)] = [
            ("y", 365 * 86_400_000, true), ("w", 7 * 86_400_000, true), ("d", 86_400_000, false),
            ("h", 3_600_000, false), ("m", 60_000, false), ("s", 1000, false), ("ms", 1, false),
        ]
        for unit in units {
            if unit.wholeOnly && total % unit.milliseconds != 0 { continue }
            let count = remaining / unit.milliseconds
            if count > 0 {
                text += "\(count)\(unit.name)"
                remaining -= count * unit.milliseconds
            }
        }
        return text
    }
}

extension WindowSpec: CustomStringConvertible {
    /// `1h30m` for durations, `10000 rows` for row windows.
    public var description: String {
        switch self {
        case .duration: return canonicalDuration ?? ""
        case let .rows(count): return "\(count) rows"
        }
    }
}

extension WindowSpec: Codable {
    private struct RowsKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `"1h30m"` or `{"rows": N}`; any other key in the object is an error naming it.
    /// Errors are `ModelSchemaError`s whose field is the window's coding path.
    public init(from decoder: any Decoder) throws {
        let path = FieldPath.text(decoder.codingPath)
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            do {
                self = try WindowSpec.parseDuration(text)
            } catch {
                throw ModelSchemaError.invalidWindow(field: path, error)
            }
            return
        }
        guard let object = try? decoder.container(keyedBy: RowsKey.self) else {
            throw ModelSchemaError.wrongType(field: path, expected: #"a duration string like "1h" or {"rows": N}"#)
        }
        for key in object.allKeys where key.stringValue != "rows" {
            throw ModelSchemaError.unknownKey(field: FieldPath.text(decoder.codingPath, key.stringValue))
        }
        let rowsKey = RowsKey(stringValue: "rows")
        guard object.contains(rowsKey) else {
            throw ModelSchemaError.missingField(field: FieldPath.text(decoder.codingPath, "rows"))
        }
        guard let rows = try? object.decode(Int.self, forKey: rowsKey) else {
            throw ModelSchemaError.wrongType(field: FieldPath.text(decoder.codingPath, "rows"), expected: "an integer")
        }
        if rows < 1 { throw ModelSchemaError.invalidWindow(field: path, .nonPositiveRows(rows)) }
        self = .rows(rows)
    }

    /// Encodes durations in their canonical text and row windows as `{"rows": N}`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .duration:
            guard let text = canonicalDuration else {
                throw EncodingError.invalidValue(
                    self, EncodingError.Context(codingPath: encoder.codingPath, debugDescription: "invalid window duration"))
            }
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case let .rows(count):
            var object = encoder.container(keyedBy: RowsKey.self)
            try object.encode(count, forKey: RowsKey(stringValue: "rows"))
        }
    }
}

/// Why a window specification is invalid.
public enum WindowSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyDuration
    case malformedDuration(String, reason: String)
    case nonPositiveDuration(String)
    case durationOutOfRange(String)
    case nonPositiveRows(Int)

    public var description: String {
        switch self {
        case .emptyDuration: return "duration must not be empty"
        case let .malformedDuration(text, reason): return "invalid duration '\(text)': \(reason)"
        case let .nonPositiveDuration(text): return "duration '\(text)' must be longer than zero"
        case let .durationOutOfRange(text): return "duration '\(text)' is too long"
        case let .nonPositiveRows(count): return "rows must be at least 1, got \(count)"
        }
    }
}
