/// Writes validated families in one of the two text formats. It cannot fail: ``MetricFamily``
/// has already refused everything either format could not express.
struct ExpositionWriter {
    let format: ExpositionFormat
    private var out: [UInt8] = []

    init(format: ExpositionFormat) {
        self.format = format
        out.reserveCapacity(16 * 1024)
    }

    mutating func write(_ family: MetricFamily) {
        let descriptor = family.descriptor
        switch format {
        case .prometheusText:
            if !descriptor.help.isEmpty {
                line("# HELP ", descriptor.name, " ", ExpositionEscaping.help(descriptor.help, openMetrics: false))
            }
            line("# TYPE ", descriptor.name, " ", descriptor.type.rawValue)
        case .openMetrics:
            let familyName = descriptor.openMetricsFamilyName
            line("# TYPE ", familyName, " ", descriptor.type == .untyped ? "unknown" : descriptor.type.rawValue)
            if let unit = descriptor.unit { line("# UNIT ", familyName, " ", unit) }
            if !descriptor.help.isEmpty {
                line("# HELP ", familyName, " ", ExpositionEscaping.help(descriptor.help, openMetrics: true))
            }
        }
        for series in family.series.sorted(by: Self.precedes) {
            let timestamp = series.timestampMilliseconds.map(timestampText)
            switch series.value {
            case .number(let value):
                sample(descriptor.name, series.labels, extra: nil, PrometheusNumber.text(value), timestamp)
            case .histogram(let histogram):
                for bucket in histogram.buckets {
                    let le = MetricLabel(name: "le", value: PrometheusNumber.canonical(bucket.upperBound))
                    sample(descriptor.name + "_bucket", series.labels, extra: le, String(bucket.cumulativeCount), timestamp)
                }
                let sum = (descriptor.name + "_sum", PrometheusNumber.text(histogram.sum))
                let count = (descriptor.name + "_count", String(histogram.count))
                // 0.0.4 follows the Go and Python clients (sum, count); OpenMetrics its spec's examples.
                for (name, value) in format == .prometheusText ? [sum, count] : [count, sum] {
                    sample(name, series.labels, extra: nil, value, timestamp)
                }
            }
        }
    }

    mutating func finish() -> String {
        if format == .openMetrics { line("# EOF") }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func sample(_ name: String, _ labels: LabelSet, extra: MetricLabel?, _ value: String, _ timestamp: String?) {
        out += name.utf8
        if !labels.isEmpty || extra != nil {
            out.append(UInt8(ascii: "{"))
            var first = true
            for label in labels.labels + (extra.map { [$0] } ?? []) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out += label.name.utf8
                out += "=\"".utf8
                out += ExpositionEscaping.labelValue(label.value).utf8
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: " "))
        out += value.utf8
        if let timestamp {
            out.append(UInt8(ascii: " "))
            out += timestamp.utf8
        }
        out.append(UInt8(ascii: "\n"))
    }

    private mutating func line(_ parts: String...) {
        for part in parts { out += part.utf8 }
        out.append(UInt8(ascii: "\n"))
    }

    /// 0.0.4: integer milliseconds. OpenMetrics: seconds, written exactly in decimal from the
    /// integer (`1712345678123` → `1712345678.123`) rather than through a rounding `Double`.
    private func timestampText(_ milliseconds: Int64) -> String {
        guard format == .openMetrics else { return String(milliseconds) }
        let magnitude = milliseconds.magnitude
        var text = (milliseconds < 0 ? "-" : "") + String(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// Series order: label values in the order written, then label names; byte-wise, so the order
    /// never depends on insertion or on Unicode normalisation.
    static func precedes(_ lhs: MetricSeries, _ rhs: MetricSeries) -> Bool {
        let left = lhs.labels.labels
        let right = rhs.labels.labels
        for (l, r) in zip(left, right) where !l.value.utf8.elementsEqual(r.value.utf8) {
            return l.value.utf8.lexicographicallyPrecedes(r.value.utf8)
        }
        if left.count != right.count { return left.count < right.count }
        for (l, r) in zip(left, right) where !l.name.utf8.elementsEqual(r.name.utf8) {
            return l.name.utf8.lexicographicallyPrecedes(r.name.utf8)
        }
        return false
    }
}
