/// Decodes a Prometheus text-format (0.0.4) push body into metric samples, line by line, like the
/// NDJSON batches: a bad line is rejected with its 1-based line number and the reason, every valid
/// line is kept.
///
/// The grammar is the one of Prometheus' own parser (`expfmt.TextParser`, which `promtool check
/// metrics` runs), and everything accepted here is accepted by it:
/// - Lines end with a line feed; blank lines are skipped but counted. Tokens are separated by
///   blanks or tabs. A carriage return is refused, as Prometheus refuses it.
/// - `# HELP name text` (escapes `\\` and `\n`) and `# TYPE name counter|gauge|histogram|summary|untyped`,
///   at most one of each per name, and the TYPE before the name's first sample; any other `#`
///   line is a comment.
/// - A sample is `name{label="value",...} value [timestamp]`: label values escape `\\`, `\"` and
///   `\n` and must be UTF-8; a trailing comma inside the braces is allowed; the value is a decimal
///   number, `NaN`, `+Inf`, `-Inf` or `Inf`; the timestamp is integer milliseconds since the epoch.
/// - A histogram family `h` takes `h_bucket` samples (with an `le` label holding a number), `h_sum`
///   and `h_count`; a summary `s` takes `s` samples with a `quantile` label, `s_sum` and `s_count`.
///   Each sample is kept as its own series under its full name (`h_bucket{le="0.5"}`).
///
/// Stricter than Prometheus, in line with the JSON samples (`MetricSample`): label names starting
/// with `_` are refused (OpenMetrics reserves them), as is a timestamp outside the years 0000–9999,
/// a repeated sample (same name, labels and timestamp) within a body, and hexadecimal or
/// spelled-out (`infinity`) numbers. A number beyond the double range (`1e400`) is an error, never
/// infinity.
///
/// Pure: samples without a timestamp keep `nil`, and the caller supplies the receipt time.
public enum PrometheusTextDecoder {
    /// The metric types of the 0.0.4 text format.
    enum FamilyType: String {
        case counter, gauge, histogram, summary, untyped
    }

    /// Decodes `body`; never throws, as every problem belongs to one line.
    public static func decode(_ body: [UInt8]) -> BatchDecodeResult<MetricSample> {
        var state = State()
        var result = BatchDecodeResult<MetricSample>()
        var lineStart = 0
        var line = 0
        while lineStart < body.count {
            line += 1
            var lineEnd = lineStart
            while lineEnd < body.count, body[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            do throws(LineError) {
                if let sample = try state.parseLine(body[lineStart..<lineEnd], line: line) {
                    result.accepted.append(sample)
                    result.acceptedLines.append(line)
                }
            } catch {
                result.rejected.append(BatchRejection(line: line, error: error.message))
            }
            lineStart = lineEnd + 1
        }
        return result
    }

    struct LineError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// What earlier lines declared, per metric family name.
    struct State {
        var types: [String: FamilyType] = [:]
        var helped: Set<String> = []
        /// Families that already had a sample (a TYPE line after that is refused).
        var sampled: Set<String> = []
        /// (name, sorted labels, timestamp) of each accepted sample → its line.
        var seen: [SampleKey: Int] = [:]

        struct SampleKey: Hashable {
            var name: String
            var labels: [String]
            var timestamp: Double?
        }

        mutating func parseLine(_ bytes: ArraySlice<UInt8>, line: Int) throws(LineError) -> MetricSample? {
            if bytes.contains(UInt8(ascii: "\r")) {
                throw LineError("carriage return in the line: the text format separates lines with a line feed only")
            }
            var cursor = Cursor(bytes: bytes)
            cursor.skipBlanks()
            if cursor.isAtEnd { return nil }
            if cursor.peek == UInt8(ascii: "#") {
                cursor.advance()
                try parseComment(&cursor)
                return nil
            }
            return try parseSample(&cursor, line: line)
        }

        private mutating func parseComment(_ cursor: inout Cursor) throws(LineError) {
            cursor.skipBlanks()
            let keyword = cursor.readToken()
            guard keyword == "HELP" || keyword == "TYPE" else { return }
            cursor.skipBlanks()
            let name = cursor.readToken()
            guard PrometheusName.isMetricName(name) else {
                throw LineError("# \(keyword): '\(name)' is not a valid metric name")
            }
            if keyword == "HELP" {
                if !cursor.isAtEnd, !cursor.skipBlanks() {
                    throw LineError("# HELP \(name): expected a blank after the metric name")
                }
                try cursor.validateHelpText()
                guard helped.insert(name).inserted else { throw LineError("# HELP \(name): a second HELP line for this metric") }
                return
            }
            cursor.skipBlanks()
            let typeName = cursor.readToken()
            guard let type = FamilyType(rawValue: typeName) else {
                throw LineError("# TYPE \(name): unknown type '\(typeName)' (counter, gauge, histogram, summary or untyped)")
            }
            cursor.skipBlanks()
            guard cursor.isAtEnd else { throw LineError("# TYPE \(name): unexpected text after the type") }
            guard types[name] == nil, !sampled.contains(name) else {
                throw LineError("# TYPE \(name): a second TYPE line for this metric, or a TYPE after its samples")
            }
            types[name] = type
        }

        private mutating func parseSample(_ cursor: inout Cursor, line: Int) throws(LineError) -> MetricSample {
            let name = cursor.readName()
            guard PrometheusName.isMetricName(name) else {
                throw LineError("metric name: expected [a-zA-Z_:][a-zA-Z0-9_:]* at the start of the line")
            }
            cursor.skipBlanks()
            var labels: [String: String] = [:]
            if cursor.peek == UInt8(ascii: "{") {
                cursor.advance()
                labels = try Self.parseLabels(&cursor, metric: name)
                cursor.skipBlanks()
            }
            let valueText = cursor.readToken()
            guard !valueText.isEmpty else { throw LineError("\(name): expected a value") }
            guard let value = PrometheusTextDecoder.number(valueText) else {
                throw LineError("\(name): value '\(valueText)' is not a number (a decimal, NaN, +Inf or -Inf)")
            }
            var timestamp: Double?
            if cursor.skipBlanks(), !cursor.isAtEnd {
                let text = cursor.readToken()
                guard let milliseconds = PrometheusTextDecoder.milliseconds(text) else {
                    throw LineError("\(name): timestamp '\(text)' is not integer milliseconds since the epoch")
                }
                let seconds = Double(milliseconds) / 1000
                guard EventFields.epochRange.contains(seconds) else {
                    throw LineError("\(name): timestamp \(text) ms is outside the years 0000-9999")
                }
                timestamp = seconds
                cursor.skipBlanks()
            }
            guard cursor.isAtEnd else { throw LineError("\(name): unexpected text after the \(timestamp == nil ? "value" : "timestamp")") }
            let family = try familyCheck(name, labels: labels)
            let key = SampleKey(name: name, labels: labels.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }, timestamp: timestamp)
            if let earlier = seen[key] {
                throw LineError("\(name): the same series\(timestamp == nil ? "" : " and timestamp") is already on line \(earlier)")
            }
            seen[key] = line
            sampled.insert(family)
            return MetricSample(name: name, labels: labels, timestamp: timestamp, value: value)
        }

        /// The family `name` belongs to, after checking what its type requires of the sample.
        private func familyCheck(_ name: String, labels: [String: String]) throws(LineError) -> String {
            if let type = types[name] {
                switch type {
                case .histogram:
                    throw LineError("\(name): a histogram takes only \(name)_bucket, \(name)_sum and \(name)_count samples")
                case .summary:
                    try Self.requireNumberLabel("quantile", of: name, in: labels)
                default:
                    break
                }
                return name
            }
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
                let base = String(name.dropLast(suffix.count))
                switch (types[base], suffix) {
                case (.some(.histogram), "_bucket"):
                    try Self.requireNumberLabel("le", of: name, in: labels)
                    return base
                case (.some(.histogram), "_sum"), (.some(.histogram), "_count"), (.some(.summary), "_sum"), (.some(.summary), "_count"):
                    return base
                default:
                    continue
                }
            }
            return name
        }

        private static func requireNumberLabel(_ label: String, of name: String, in labels: [String: String]) throws(LineError) {
            guard let text = labels[label] else { throw LineError("\(name): a '\(label)' label is required") }
            guard PrometheusTextDecoder.number(text) != nil else {
                throw LineError("\(name): label '\(label)' must hold a number, got '\(text)'")
            }
        }

        /// The labels after `{` up to and including `}`.
        private static func parseLabels(_ cursor: inout Cursor, metric: String) throws(LineError) -> [String: String] {
            var labels: [String: String] = [:]
            while true {
                cursor.skipBlanks()
                if cursor.peek == UInt8(ascii: "}") {
                    cursor.advance()
                    return labels
                }
                let label = cursor.readName()
                guard PrometheusName.isLabelName(label) else {
                    throw LineError("\(metric): expected a label name [a-zA-Z_][a-zA-Z0-9_]* or '}'")
                }
                guard !PrometheusName.isReservedLabelName(label) else {
                    throw LineError("\(metric): label '\(label)' starts with '_', which Prometheus and OpenMetrics reserve")
                }
                cursor.skipBlanks()
                guard cursor.consume(UInt8(ascii: "=")) else { throw LineError("\(metric): expected '=' after label '\(label)'") }
                cursor.skipBlanks()
                guard cursor.consume(UInt8(ascii: "\"")) else {
                    throw LineError("\(metric): the value of label '\(label)' must be in double quotes")
                }
                let value = try cursor.readQuotedLabelValue(metric: metric, label: label)
                guard labels.updateValue(value, forKey: label) == nil else {
                    throw LineError("\(metric): label '\(label)' appears twice")
                }
                cursor.skipBlanks()
                if cursor.consume(UInt8(ascii: ",")) { continue }
                guard cursor.peek == UInt8(ascii: "}") else {
                    throw LineError("\(metric): expected ',' or '}' after the value of label '\(label)'")
                }
            }
        }
    }

    /// A decimal number (`[+-]digits[.digits][e[+-]digits]`, digits on at least one side of the
    /// point), `NaN`, `Inf`, `+Inf` or `-Inf`; nil for anything else or beyond the double range.
    static func number(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var mantissaDigits = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// An optionally negative integer that fits in 64 bits.
    static func milliseconds(_ text: String) -> Int64? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(text)
    }

    /// A read position within one line.
    struct Cursor {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var isAtEnd: Bool { index >= bytes.endIndex }
        var peek: UInt8? { isAtEnd ? nil : bytes[index] }

        mutating func advance() { index += 1 }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Skips blanks and tabs; whether there were any.
        @discardableResult
        mutating func skipBlanks() -> Bool {
            let start = index
            while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
            return index > start
        }

        /// Bytes up to the next blank, tab or end of line.
        mutating func readToken() -> String {
            let start = index
            while let byte = peek, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// The longest run of name characters `[a-zA-Z0-9_:]` (validated by the caller).
        mutating func readName() -> String {
            let start = index
            while let byte = peek,
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ":")
            {
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// A label value after its opening quote, through the closing quote, unescaped.
        mutating func readQuotedLabelValue(metric: String, label: String) throws(LineError) -> String {
            var value: [UInt8] = []
            while let byte = peek {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: value, as: UTF8.self) else {
                        throw LineError("\(metric): the value of label '\(label)' is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    switch peek {
                    case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                    default:
                        throw LineError("\(metric): label '\(label)': invalid escape (only \\\\, \\\" and \\n are allowed)")
                    }
                    index += 1
                default:
                    value.append(byte)
                }
            }
            throw LineError("\(metric): the value of label '\(label)' has no closing quote")
        }

        /// Checks the rest of a HELP line: escapes `\\` and `\n` only, UTF-8.
        mutating func validateHelpText() throws(LineError) {
            let start = index
            while let byte = peek {
                index += 1
                if byte == UInt8(ascii: "\\") {
                    guard peek == UInt8(ascii: "\\") || peek == UInt8(ascii: "n") else {
                        throw LineError("# HELP: invalid escape (only \\\\ and \\n are allowed in help text)")
                    }
                    index += 1
                }
            }
            guard String(validating: bytes[start..<index], as: UTF8.self) != nil else {
                throw LineError("# HELP: the help text is not valid UTF-8")
            }
        }
    }
}
