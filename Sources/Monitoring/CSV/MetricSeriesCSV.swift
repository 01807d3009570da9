/// One metric series from a CSV body with a `timestamp` and a `value` column (more columns are
/// ignored), as `driftwatch anomaly score` reads it, in file order.
///
/// - `timestamp`: seconds since 1970 as a number, an RFC 3339 date-time, or
///   `YYYY-MM-DD HH:MM:SS[.fraction]` without an offset, read as UTC (NAB's and many exports' form).
/// - `value`: a number; empty, `NA`, `NaN` or `null` (any case) is a missing value, kept as NaN.
///
/// A row whose timestamp or value cannot be read is rejected with its line, and the others are
/// kept, as the batch decoders do.
public struct MetricSeriesCSV: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The row's physical line in the file.
        public var line: Int
        public var timestamp: String
        /// `timestamp` in seconds since 1970.
        public var time: Double
        public var valueText: String
        /// NaN for a missing value.
        public var value: Double
    }

    public var rows: [Row]
    public var rejected: [BatchRejection]

    /// - Throws: a body that cannot be framed as CSV, or a header without `timestamp` or `value`.
    public static func decode(_ body: [UInt8]) throws(CSVError) -> MetricSeriesCSV {
        let table = try CSVReader().read(body)
        let missing = ["timestamp", "value"].filter { table.column(named: $0) == nil }
        guard missing.isEmpty, let stamps = table.column(named: "timestamp"), let values = table.column(named: "value") else {
            throw CSVError.missingColumns(line: table.headerLine, names: missing, hint: nil)
        }
        var series = MetricSeriesCSV(rows: [], rejected: table.rejected)
        series.rows.reserveCapacity(table.rowCount)
        for index in 0..<table.rowCount {
            let line = table.lines[index]
            let stamp = stamps[index]
            let text = values[index]
            guard let time = Self.seconds(stamp) else {
                series.rejected.append(BatchRejection(
                    line: line, error: "timestamp: '\(stamp)' is neither seconds since 1970, RFC 3339 nor YYYY-MM-DD HH:MM:SS"))
                continue
            }
            guard let value = Self.number(text) else {
                series.rejected.append(BatchRejection(line: line, error: "value: '\(text)' is not a number"))
                continue
            }
            series.rows.append(Row(line: line, timestamp: stamp, time: time, valueText: text, value: value))
        }
        series.rejected.sort { $0.line < $1.line }
        return series
    }

    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        if let seconds = Double(trimmed), seconds.isFinite { return seconds }
        if let seconds = try? RFC3339Timestamp.epochSeconds(trimmed) { return seconds }
        return try? RFC3339Timestamp.epochSeconds(trimmed + "Z")
    }

    /// The value, NaN when missing, nil when not a number.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        if ["", "na", "nan", "null"].contains(trimmed.lowercased()) { return .nan }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
