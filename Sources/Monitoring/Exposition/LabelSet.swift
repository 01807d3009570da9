/// The labels of one series, in the order they are written.
///
/// A dictionary literal keeps its order and any repeated name (`["model": "m", "feature": "f"]`),
/// so a repeated name reaches validation and becomes a typed error instead of being lost.
public struct LabelSet: Sendable, Hashable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public var labels: [MetricLabel]

    public init(_ labels: [MetricLabel] = []) {
        self.labels = labels
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        labels = elements.map { MetricLabel(name: $0.0, value: $0.1) }
    }

    /// Appends a label (no check here; validation happens when the series joins a family).
    public mutating func append(_ name: String, _ value: String) {
        labels.append(MetricLabel(name: name, value: value))
    }

    public var isEmpty: Bool { labels.isEmpty }

    public var description: String {
        "{" + labels.map { "\($0.name)=\"\(ExpositionEscaping.labelValue($0.value))\"" }.joined(separator: ",") + "}"
    }
}
