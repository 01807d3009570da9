/// Builds a ``BaselineProfile`` from reference events handed over in slices (pages read from the
/// store), so a large time range is never held as events: only the per-field values the profile
/// needs (quantile bins are fitted to all of them) and the complete numeric rows the outlier model
/// is fitted on are kept until ``build(name:)``.
///
/// Adding the same events in any slicing gives the same profile as `BaselineProfile(name:schema:
/// events:options:)`, which is built with this type: values are collected in event order, which is
/// all the profile depends on (the reservoirs are seeded).
public struct BaselineProfileBuilder: Sendable {
    public let schema: ModelSchema
    public let options: BaselineOptions
    /// Events added so far.
    public private(set) var rowCount = 0
    /// Per declared feature, in schema order: the non-missing values and the missing count.
    private var columns: [Column]
    private var prediction: Column
    /// The complete numeric rows the outlier model is fitted on.
    private var outlierRows: CompleteNumericRows
    private var joint: JointNumericSample?
    /// The schema's feature names, for `PredictionEvent.hasFeatureNames(_:)`.
    private let featureNames: [String]

    /// One field's collected reference values: numbers for numeric fields, strings for
    /// categorical and boolean ones (`"true"`/`"false"`) and class predictions.
    private struct Column: Sendable {
        var numbers: [Double] = []
        var strings: [String] = []
        var missing = 0
    }

    /// The value one field of one event contributes.
    private enum Cell {
        case number(Double)
        case string(String)
        case missing
    }

    /// - Throws: `.invalidOption` for an option below 1.
    public init(schema: ModelSchema, options: BaselineOptions = BaselineOptions()) throws(BaselineProfileError) {
        try options.validate()
        self.schema = schema
        self.options = options
        columns = Array(repeating: Column(), count: schema.features.count)
        prediction = Column()
        outlierRows = CompleteNumericRows(schema: schema.features)
        joint = JointNumericSample(
            schema: schema.features, capacity: JointNumericSample.defaultCapacity,
            seed: ReservoirSeed.jointSeed(base: options.seed))
        featureNames = schema.features.map(\.name)
    }

    /// Adds reference events in order. An event is taken whole or not at all: on an error the
    /// events before the bad one stay added.
    /// - Throws: `.typeMismatch` / `.nonFiniteValue` naming the field and the event's 0-based
    ///   position among all events added to this builder.
    public mutating func add(_ events: some Sequence<PredictionEvent>) throws(BaselineProfileError) {
        var cells: [Cell] = []
        cells.reserveCapacity(schema.features.count)
        for event in events {
            cells.removeAll(keepingCapacity: true)
            let values = EventFeatureReader(event, inOrder: event.hasFeatureNames(featureNames))
            for (position, spec) in schema.features.enumerated() {
                cells.append(try Self.featureCell(spec, values.value(at: position, named: spec.name), index: rowCount))
            }
            let predicted = try predictionCell(event, index: rowCount)
            for (position, cell) in cells.enumerated() { Self.append(cell, to: &columns[position]) }
            Self.append(predicted, to: &prediction)
            outlierRows.add(values)
            joint?.add(values)
            rowCount += 1
        }
    }

    /// Freezes the events added so far.
    /// - Throws: `.emptyName`, `.noEvents`; `.noReferenceValues(field)` for the first field (in
    ///   schema order, then the prediction) without a non-missing value.
    public func build(name: String) throws(BaselineProfileError) -> BaselineProfile {
        if name.isEmpty { throw .emptyName }
        if rowCount == 0 { throw .noEvents }
        var features: [FeatureBaseline] = []
        for (spec, column) in zip(schema.features, columns) {
            let field = ProfileField.feature(spec.name)
            switch spec.type {
            case .numeric:
                features.append(
                    try BaselineProfile.numericBaseline(field, values: column.numbers, missing: column.missing, options: options))
            case .categorical, .boolean:
                features.append(
                    try BaselineProfile.categoricalBaseline(
                        field, type: spec.type, values: column.strings, missing: column.missing, options: options))
            }
        }
        let predictionBaseline: FeatureBaseline
        switch schema.prediction.type {
        case .score, .regression:
            predictionBaseline = try BaselineProfile.numericBaseline(
                .prediction, values: prediction.numbers, missing: 0, options: options)
        case .class, .probabilities:
            predictionBaseline = try BaselineProfile.categoricalBaseline(
                .prediction, type: .categorical, values: prediction.strings, missing: 0, options: options)
        }
        return BaselineProfile(
            name: name, rowCount: rowCount, options: options, features: features, prediction: predictionBaseline,
            predictionSpec: schema.prediction, outliers: MahalanobisOutlierModel.fit(outlierRows),
            joint: joint)
    }

    private static func append(_ cell: Cell, to column: inout Column) {
        switch cell {
        case .number(let value): column.numbers.append(value)
        case .string(let text): column.strings.append(text)
        case .missing: column.missing += 1
        }
    }

    /// Missing values (null, absent, NaN) are counted, never binned.
    private static func featureCell(_ spec: FeatureSpec, _ value: FeatureValue, index: Int) throws(BaselineProfileError) -> Cell {
        let field = ProfileField.feature(spec.name)
        switch (spec.type, value) {
        case (_, .missing): return .missing
        case (.numeric, .number(let value)) where value.isNaN: return .missing
        case (.numeric, .number(let value)):
            guard value.isFinite else { throw .nonFiniteValue(field, event: index, value: value) }
            return .number(value)
        case (.numeric, _): throw .typeMismatch(field, event: index, expected: "a number")
        case (.categorical, .string(let text)): return .string(text)
        case (.boolean, .bool(let flag)): return .string(flag ? "true" : "false")
        default: throw .typeMismatch(field, event: index, expected: spec.type == .boolean ? "a boolean" : "a string")
        }
    }

    private func predictionCell(_ event: PredictionEvent, index: Int) throws(BaselineProfileError) -> Cell {
        let spec = schema.prediction
        switch spec.type {
        case .score, .regression:
            guard case .number(let value) = event.prediction else {
                throw .typeMismatch(.prediction, event: index, expected: "a number")
            }
            guard value.isFinite else { throw .nonFiniteValue(.prediction, event: index, value: value) }
            return .number(value)
        case .class, .probabilities:
            guard let label = BaselineProfile.predictedClass(event.prediction, classes: spec.classes ?? [], type: spec.type) else {
                throw .typeMismatch(.prediction, event: index, expected: spec.type == .class ? "a class" : "class probabilities")
            }
            return .string(label)
        }
    }
}
