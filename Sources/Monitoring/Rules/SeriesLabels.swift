/// The labels of one series as a rule expression sees it, the metric name included as
/// `__name__`: sorted by name, each name once, no empty value (Prometheus treats an empty label
/// value as an absent label). Names sort, and labels compare and hash, by their UTF-8 bytes, as in
/// Prometheus (see ``MetricLabel`` for why not `String ==`).
///
/// The order is Prometheus' (`labels.Compare`): label by label, name then value, by bytes, a
/// prefix first. Selections come in this order, which decides how `sum` and `avg` round.
public struct SeriesLabels: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The label holding a series' metric name.
    public static let metricName = "__name__"

    /// Sorted by name bytes, names distinct, values non-empty.
    public private(set) var labels: [MetricLabel]

    /// Labels from name–value pairs; a later pair overrides an earlier one of the same name, and an
    /// empty value removes the name.
    public init(_ pairs: [(String, String)] = []) {
        labels = []
        for (name, value) in pairs { self[name] = value }
    }

    /// The labels of the series `labels` of the metric called `name`.
    public init(name: String, labels: LabelSet) {
        self.init([(Self.metricName, name)] + labels.labels.map { ($0.name, $0.value) })
    }

    /// The labels of the series `labels` of the metric called `name`, as a sample carries them.
    public init(name: String, labels: [String: String]) {
        self.init([(Self.metricName, name)] + labels.map { ($0.key, $0.value) })
    }

    /// The labels as a dictionary of name to value (the names are distinct).
    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { ($0.name, $0.value) })
    }

    /// The value of `name`, or nil when the series has no such label.
    public subscript(name: String) -> String? {
        get {
            let index = insertionIndex(of: name)
            guard index < labels.count, labels[index].name.utf8.elementsEqual(name.utf8) else { return nil }
            return labels[index].value
        }
        set {
            let index = insertionIndex(of: name)
            let present = index < labels.count && labels[index].name.utf8.elementsEqual(name.utf8)
            switch (newValue, present) {
            case (let value?, true) where !value.isEmpty: labels[index].value = value
            case (let value?, false) where !value.isEmpty: labels.insert(MetricLabel(name: name, value: value), at: index)
            case (_, true): labels.remove(at: index)
            case (_, false): break
            }
        }
    }

    /// The metric name, if the series still has one.
    public var name: String? { self[Self.metricName] }

    /// These labels without the metric name (what comparisons with `bool` and aggregations return).
    public var withoutName: SeriesLabels { removing([Self.metricName]) }

    /// These labels without any of `names`.
    public func removing(_ names: Set<String>) -> SeriesLabels {
        var copy = self
        copy.labels.removeAll { names.contains($0.name) }
        return copy
    }

    /// Only the labels among `names`.
    public func keeping(_ names: Set<String>) -> SeriesLabels {
        var copy = self
        copy.labels.removeAll { !names.contains($0.name) }
        return copy
    }

    /// Prometheus' notation: `name{a="x",b="y"}`, or `{…}` without a name.
    public var description: String {
        let rest = labels.filter { $0.name != Self.metricName }
            .map { "\($0.name)=\"\(ExpositionEscaping.labelValue($0.value))\"" }
        return (name ?? "") + "{" + rest.joined(separator: ", ") + "}"
    }

    public static func < (lhs: SeriesLabels, rhs: SeriesLabels) -> Bool {
        for (left, right) in zip(lhs.labels, rhs.labels) {
            if !left.name.utf8.elementsEqual(right.name.utf8) {
                return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
            }
            if !left.value.utf8.elementsEqual(right.value.utf8) {
                return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
            }
        }
        return lhs.labels.count < rhs.labels.count
    }

    /// The first position whose name is not below `name` in byte order.
    private func insertionIndex(of name: String) -> Int {
        var low = 0
        var high = labels.count
        while low < high {
            let middle = (low + high) / 2
            if labels[middle].name.utf8.lexicographicallyPrecedes(name.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension SeriesLabels: Codable {
    /// Encoded as a JSON object of name to value.
    public init(from decoder: any Decoder) throws {
        let pairs = try [String: String](from: decoder)
        self.init(pairs.map { ($0.key, $0.value) })
    }

    public func encode(to encoder: any Encoder) throws {
        try dictionary.encode(to: encoder)
    }
}
