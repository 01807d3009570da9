/// The rows an outlier model is fitted on: for each event whose numeric features are all present
/// and finite, their values in schema order, kept row-major in one flat buffer so a baseline of
/// millions of rows costs one allocation that grows, not one array per row.
public struct CompleteNumericRows: Sendable {
    /// The numeric features, in schema order.
    public let names: [String]
    /// The position of each of ``names`` among the schema's features.
    public let positions: [Int]
    /// Row-major values, ``names``.count per row.
    public private(set) var values: [Double] = []
    /// The rows kept.
    public private(set) var count = 0
    /// All the schema's feature names, for `PredictionEvent.hasFeatureNames(_:)`.
    private let schemaNames: [String]

    public init(schema features: [FeatureSpec]) {
        let numeric = features.enumerated().filter { $0.element.type == .numeric }
        names = numeric.map(\.element.name)
        positions = numeric.map(\.offset)
        schemaNames = features.map(\.name)
    }

    /// Keeps the event's numeric values when every one is present and finite; skips it otherwise.
    public mutating func add(_ event: PredictionEvent) {
        add(EventFeatureReader(event, inOrder: event.hasFeatureNames(schemaNames)))
    }

    /// `add(_:)` for an event already read against the schema's feature names.
    mutating func add(_ event: EventFeatureReader) {
        let start = values.count
        for (name, position) in zip(names, positions) {
            guard case .number(let value) = event.value(at: position, named: name), value.isFinite else {
                values.removeSubrange(start...)
                return
            }
            values.append(value)
        }
        count += 1
    }
}
