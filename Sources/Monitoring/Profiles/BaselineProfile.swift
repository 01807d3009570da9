import DriftStatistics

/// A model's reference, frozen: per declared feature (and for the prediction) the bins every
/// window is counted in, the reference counts in those bins, and the sketches the drift tests
/// compare windows with (design.md, "Statistics conventions"; issue 3, "Baselines").
///
/// - Numeric features, score and regression predictions: `NumericBinning.fitted` quantile bins
///   (`options.bins`, 10 by default), a `MomentsSketch`, the reference range, a
///   `ReservoirSample` of `options.reservoirCapacity` values (seeded from `options.seed` and the
///   field's name) and exact per-value counts while there are at most 6 distinct values.
/// - Categorical features and class predictions: `CategoricalBinning` top-`maxCategories` +
///   other + unseen. A probabilities prediction is profiled as its most probable class (ties go
///   to the class listed first in the schema).
/// - Numeric features together: a ``MahalanobisOutlierModel`` (or why none was fitted), which
///   windows score their rows against, and a ``JointNumericSample`` of whole rows for the
///   multivariate detectors.
/// - Boolean features: the categories `"false"` and `"true"`, both always kept, ranked by
///   reference frequency as `CategoricalBinning` ranks them.
///
/// Missing values (null, an absent feature, NaN) are counted, never binned. ±Inf or a value of
/// the wrong kind in the reference is an error naming the field and event: a baseline is frozen
/// once and should be clean. Pure: building reads only the events it is handed.
public struct BaselineProfile: Sendable, Equatable, Codable {
    public let name: String
    /// The number of reference events.
    public let rowCount: Int
    public let options: BaselineOptions
    /// One entry per declared feature, in schema order.
    public let features: [FeatureBaseline]
    public let prediction: FeatureBaseline
    /// The schema's prediction type and classes, so windows read predictions the same way.
    public let predictionSpec: PredictionSpec
    /// The outlier detector over the numeric features; nil only in baselines stored before
    /// driftwatch fitted one (they load, and their windows report no outlier ratio).
    public let outliers: OutlierBaseline?
    /// A uniform sample of whole rows of the numeric features, for the multivariate detectors;
    /// nil when the schema has no numeric feature, and in baselines stored before driftwatch kept
    /// one (their windows report multivariate detectors as not applicable).
    public let joint: JointNumericSample?

    /// Freezes a baseline on `events`; the same as adding them to a ``BaselineProfileBuilder``
    /// in any number of slices and building it.
    /// - Throws: `.emptyName`, `.noEvents`, `.invalidOption`; `.noReferenceValues(field)` when a
    ///   field has no non-missing value; `.typeMismatch` / `.nonFiniteValue` naming the field and
    ///   the event's 0-based position (the first bad event; within it, the first bad field in
    ///   schema order, then the prediction).
    public init(
        name: String, schema: ModelSchema, events: [PredictionEvent], options: BaselineOptions = BaselineOptions()
    ) throws(BaselineProfileError) {
        if name.isEmpty { throw .emptyName }
        if events.isEmpty { throw .noEvents }
        var builder = try BaselineProfileBuilder(schema: schema, options: options)
        try builder.add(events)
        self = try builder.build(name: name)
    }

    /// A profile from parts already computed (``BaselineProfileBuilder/build(name:)``).
    init(
        name: String, rowCount: Int, options: BaselineOptions, features: [FeatureBaseline], prediction: FeatureBaseline,
        predictionSpec: PredictionSpec, outliers: OutlierBaseline, joint: JointNumericSample?
    ) {
        self.joint = joint
        self.name = name
        self.rowCount = rowCount
        self.options = options
        self.features = features
        self.prediction = prediction
        self.predictionSpec = predictionSpec
        self.outliers = outliers
    }

    /// The baseline of the feature called `name`.
    public func feature(named name: String) -> FeatureBaseline? {
        features.first { $0.field == .feature(name) }
    }

    /// The class a prediction stands for: the label itself, or the most probable class (ties to
    /// the class listed first in `classes`); nil for a value of the wrong kind.
    static func predictedClass(_ value: PredictionValue, classes: [String], type: PredictionSpec.Kind) -> String? {
        switch (type, value) {
        case (.class, .label(let label)):
            return label
        case (.probabilities, .probabilities(let probabilities)):
            var best: (name: String, probability: Double)?
            for name in classes {
                let probability = probabilities[name] ?? 0
                if best.map({ probability > $0.probability }) ?? true { best = (name, probability) }
            }
            return best?.name
        default:
            return nil
        }
    }

    static func numericBaseline(
        _ field: ProfileField, values: [Double], missing: Int, options: BaselineOptions
    ) throws(BaselineProfileError) -> FeatureBaseline {
        if values.isEmpty { throw .noReferenceValues(field) }
        do {
            let (binning, counts) = try NumericBinning.fitted(to: values, bins: options.bins)
            let moments = try MomentsSketch(values, role: .reference)
            var reservoir = try ReservoirSample<Double>(
                capacity: options.reservoirCapacity, seed: ReservoirSeed.seed(base: options.seed, field: field))
            reservoir.add(contentsOf: values)
            var discrete = DiscreteValueCounts()
            for value in values {
                discrete.add(value)
                if discrete.exceedsLimit { break }
            }
            let numeric = NumericBaseline(
                binning: binning, moments: moments, minimum: moments.minimum ?? 0, maximum: moments.maximum ?? 0,
                reservoir: reservoir, discreteValues: discrete)
            return FeatureBaseline(
                field: field, type: .numeric, valueCount: values.count, missingCount: missing, referenceCounts: counts,
                numeric: numeric, categorical: nil)
        } catch {
            throw .statistics(field, error)
        }
    }

    static func categoricalBaseline(
        _ field: ProfileField, type: FeatureType, values: [String], missing: Int, options: BaselineOptions
    ) throws(BaselineProfileError) -> FeatureBaseline {
        if values.isEmpty { throw .noReferenceValues(field) }
        do {
            let binning: CategoricalBinning
            if type == .boolean {
                // One extra of each keeps both bins while ranking them exactly as the reference
                // alone would (adding 1 to both counts changes neither order nor ties).
                binning = try CategoricalBinning(reference: values + ["false", "true"], maxCategories: 2)
            } else {
                binning = try CategoricalBinning(
                    reference: values, maxCategories: options.maxCategories, knownLimit: options.knownCategoryLimit)
            }
            let counts = binning.counts(of: values)
            let distinct = type == .boolean ? counts.filter { $0 > 0 }.count : Set(values).count
            return FeatureBaseline(
                field: field, type: type, valueCount: values.count, missingCount: missing, referenceCounts: counts,
                numeric: nil, categorical: CategoricalBaseline(binning: binning, distinctCount: distinct))
        } catch {
            throw .statistics(field, error)
        }
    }
}
