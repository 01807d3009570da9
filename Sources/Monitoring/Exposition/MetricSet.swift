/// The families of one exposition, built sample by sample: a registry-like builder in which adding a
/// sample to an existing family is safe.
///
/// Adding to a name that exists requires an equal type, help and unit; anything else is a typed
/// ``ExpositionError`` (never a trap), and a refused sample leaves the set unchanged. Families may
/// not claim the same sample name (see ``MetricDescriptor``), so the output is valid OpenMetrics as
/// well as 0.0.4. The set is a value: build one per scrape from the current state.
///
/// ```swift
/// var metrics = MetricSet()
/// try metrics.add(driftScore, labels: ["model": "fraud", "detector": "feature-drift",
///                                      "feature": "amount", "method": "ks"], value: 0.21)
/// let body = ExpositionFormat.negotiated(accept: request.accept).render(metrics)
/// ```
public struct MetricSet: Sendable {
    private var byName: [String: MetricFamily] = [:]
    /// Every claimed sample name and the family claiming it.
    private var claims: [String: String] = [:]

    public init() {}

    /// Families sorted by name (byte order), the order both writers use.
    public var families: [MetricFamily] {
        byName.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    public func family(named name: String) -> MetricFamily? {
        byName[name]
    }

    /// Adds a counter, gauge or untyped sample.
    public mutating func add(
        _ descriptor: MetricDescriptor, labels: LabelSet = [:], value: Double, timestampMilliseconds: Int64? = nil
    ) throws(ExpositionError) {
        try add(descriptor, MetricSeries(labels: labels, value: .number(value), timestampMilliseconds: timestampMilliseconds))
    }

    /// Adds a histogram sample.
    public mutating func add(
        _ descriptor: MetricDescriptor, labels: LabelSet = [:], histogram: Histogram, timestampMilliseconds: Int64? = nil
    ) throws(ExpositionError) {
        try add(descriptor, MetricSeries(labels: labels, value: .histogram(histogram), timestampMilliseconds: timestampMilliseconds))
    }

    /// Adds one series to the family of `descriptor`, creating the family on first use.
    public mutating func add(_ descriptor: MetricDescriptor, _ series: MetricSeries) throws(ExpositionError) {
        if var family = byName[descriptor.name] {
            let existing = family.descriptor
            if existing.type != descriptor.type {
                throw .typeMismatch(metric: descriptor.name, existing: existing.type, added: descriptor.type)
            }
            if existing.help != descriptor.help {
                throw .helpMismatch(metric: descriptor.name, existing: existing.help, added: descriptor.help)
            }
            if existing.unit != descriptor.unit {
                throw .unitMismatch(metric: descriptor.name, existing: existing.unit, added: descriptor.unit)
            }
            // Out of the dictionary, the family holds the only reference to its series array, so
            // appending does not copy it.
            byName[descriptor.name] = nil
            do {
                try family.append(series)
            } catch {
                byName[descriptor.name] = family
                throw error
            }
            byName[descriptor.name] = family
            return
        }
        var family = try MetricFamily(descriptor)
        for claimed in descriptor.claimedNames {
            if let other = claims[claimed] {
                throw .nameClash(metric: descriptor.name, other: other, name: claimed)
            }
        }
        try family.append(series)
        for claimed in descriptor.claimedNames { claims[claimed] = descriptor.name }
        byName[descriptor.name] = family
    }
}
