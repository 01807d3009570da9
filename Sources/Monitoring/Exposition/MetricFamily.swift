/// A metric family: one descriptor and its series, every one validated when it joins.
///
/// Guarantees once built (the writers rely on them and never fail): valid metric and label names,
/// no reserved or repeated label name in a series, no two series with the same label set, every
/// value of the family's kind, counters finite and non-negative, histograms well formed (see
/// ``Histogram``). Gauges and untyped values may be NaN or ±Inf: a drift statistic that is
/// undefined for a window is exposed as `NaN` (Prometheus stores it, and `> threshold` is false for
/// it) rather than clamped to a number that would read as a real measurement.
public struct MetricFamily: Sendable {
    public let descriptor: MetricDescriptor
    /// In the order they were appended; the writers sort them.
    public private(set) var series: [MetricSeries] = []
    private var identities: Set<SeriesIdentity> = []

    /// Checks the descriptor: metric name, the `_total` suffix of a counter, the unit.
    public init(_ descriptor: MetricDescriptor) throws(ExpositionError) {
        guard PrometheusName.isMetricName(descriptor.name) else { throw .invalidMetricName(descriptor.name) }
        if descriptor.type == .counter {
            guard descriptor.name.hasSuffix("_total"), descriptor.name.utf8.count > 6 else {
                throw .invalidCounterName(descriptor.name)
            }
        }
        if let unit = descriptor.unit {
            guard PrometheusName.isUnit(unit), descriptor.openMetricsFamilyName.hasSuffix("_" + unit) else {
                throw .invalidUnit(metric: descriptor.name, unit: unit)
            }
        }
        self.descriptor = descriptor
    }

    public var name: String { descriptor.name }
    public var type: MetricType { descriptor.type }

    /// Adds one series, or throws and leaves the family unchanged.
    public mutating func append(_ newSeries: MetricSeries) throws(ExpositionError) {
        let identity = try validate(newSeries)
        identities.insert(identity)
        series.append(newSeries)
    }

    private func validate(_ newSeries: MetricSeries) throws(ExpositionError) -> SeriesIdentity {
        var seen: Set<String> = []
        for label in newSeries.labels.labels {
            guard PrometheusName.isLabelName(label.name) else { throw .invalidLabelName(metric: name, label: label.name) }
            if PrometheusName.isReservedLabelName(label.name) || (type == .histogram && label.name == "le") {
                throw .reservedLabelName(metric: name, label: label.name)
            }
            // Label names are ASCII here, so String equality is byte equality.
            guard seen.insert(label.name).inserted else { throw .repeatedLabelName(metric: name, label: label.name) }
        }
        switch (type, newSeries.value) {
        case (.counter, .number(let value)):
            guard value.isFinite, value >= 0 else {
                throw .invalidCounterValue(metric: name, value: PrometheusNumber.text(value))
            }
        case (.gauge, .number), (.untyped, .number):
            break
        case (.histogram, .histogram(let histogram)):
            try histogram.validate(metric: name)
        default:
            throw .valueDoesNotMatchType(metric: name, type: type)
        }
        let identity = SeriesIdentity(newSeries.labels)
        guard !identities.contains(identity) else {
            throw .duplicateSeries(metric: name, labels: newSeries.labels.description)
        }
        return identity
    }
}
