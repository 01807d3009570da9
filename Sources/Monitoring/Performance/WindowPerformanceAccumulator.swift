import DriftStatistics

/// Builds a window's ``WindowPerformance`` from its predictions joined with their labels, one pair
/// at a time, in memory bounded by the sketches (not by the number of rows).
///
/// **Label TTL.** A label counts when its time (its `timestamp`, else its receipt time) is at most
/// `labelTTL` seconds after the prediction's event time: `labelTime ≤ predictionTime + labelTTL`.
/// A label sent before its prediction's time counts too. Event times on both sides make the
/// figures depend only on the events, so a replayed history gives the same numbers as live traffic.
///
/// **Metrics** by the schema's label and prediction types, per version (sklearn 1.9.1 semantics,
/// through the DriftStatistics functions checked against it):
/// - binary label, score prediction: accuracy, precision, recall, f1 of the prediction
///   thresholded at ``scoreThreshold`` (positive when `score ≥ 0.5`; schemas declare no threshold
///   yet), `ConfusionMatrix`; and roc_auc of the raw scores (`SortedROCAUCAccumulator`, equal to
///   `rocAUC`). Precision or recall with a zero denominator is 0 (sklearn's default).
/// - class label, class or probabilities prediction (the most probable class): accuracy, and
///   precision, recall, f1 macro-averaged over the union of labelled and predicted classes
///   (`MulticlassConfusionMatrix`, sklearn `average='macro'`).
/// - numeric label, regression prediction: mae and rmse (`RegressionErrorSketch`).
/// Other combinations count labelled rows but have no metrics (``WindowPerformance/unsupported``).
///
/// **Order.** ROC AUC is computed in one pass, so within each version the pairs must arrive in
/// ascending score order (the store's query sorts them); a score below the previous one of its
/// version makes that version's roc_auc undefined rather than wrong.
public struct WindowPerformanceAccumulator: Sendable {
    /// The score at and above which a binary prediction is positive.
    public static let scoreThreshold = 0.5

    private enum Kind: Sendable {
        case binaryScore
        case multiclass(classes: [String], type: PredictionSpec.Kind)
        case regression
        case unsupported(String)
    }

    private struct VersionState: Sendable {
        var rows = 0
        var confusion = ConfusionMatrix()
        var auc = SortedROCAUCAccumulator()
        var aucError: String?
        var multiclass = MulticlassConfusionMatrix()
        var regression = RegressionErrorSketch()
    }

    public let labelTTL: Double
    private let kind: Kind
    private var versions: [String: VersionState] = [:]
    private var pastTTL = 0
    private var unusable = 0

    /// An empty accumulator for a model with `schema`.
    public init(schema: ModelSchema, labelTTL: Double) {
        self.labelTTL = labelTTL
        switch (schema.label?.type, schema.prediction.type) {
        case (.binary?, .score): kind = .binaryScore
        case (.class?, .class), (.class?, .probabilities):
            kind = .multiclass(classes: schema.prediction.classes ?? [], type: schema.prediction.type)
        case (.numeric?, .regression): kind = .regression
        case (nil, _): kind = .unsupported("the model declares no label type")
        case (let label?, let prediction):
            kind = .unsupported("no metrics for \(label.rawValue) labels with \(prediction.rawValue) predictions")
        }
    }

    /// Counts one joined pair.
    public mutating func add(_ pair: LabeledPrediction) {
        guard pair.labelTime <= pair.predictionTime + labelTTL else {
            pastTTL += 1
            return
        }
        let version = pair.version ?? ""
        var state = versions[version] ?? VersionState()
        let counted: Bool
        switch (kind, pair.prediction, pair.label) {
        case (.binaryScore, .number(let score), .bool(let label)) where score.isFinite:
            state.confusion.add(prediction: score >= Self.scoreThreshold, label: label)
            if state.aucError == nil {
                do { try state.auc.add(score: score, label: label) } catch { state.aucError = error.description }
            }
            counted = true
        case let (.multiclass(classes, type), prediction, .string(label)):
            if let predicted = BaselineProfile.predictedClass(prediction, classes: classes, type: type) {
                state.multiclass.add(prediction: predicted, label: label)
                counted = true
            } else {
                counted = false
            }
        case (.regression, .number(let prediction), .number(let label)):
            counted = (try? state.regression.add(prediction: prediction, label: label)) != nil
        case (.unsupported, _, _):
            counted = true
        default:
            counted = false
        }
        if counted { state.rows += 1 } else { unusable += 1 }
        versions[version] = state
    }

    /// The performance of the pairs added.
    public func result() -> WindowPerformance {
        var unsupported: String?
        if case .unsupported(let reason) = kind { unsupported = reason }
        let results = versions.keys.sorted().compactMap { version -> VersionPerformance? in
            guard let state = versions[version], state.rows > 0 else { return nil }
            var metrics: [String: Double] = [:]
            var undefined: [String: String] = [:]
            func record(_ name: String, _ compute: () throws(DriftStatisticsError) -> Double) {
                do { metrics[name] = try compute() } catch { undefined[name] = error.description }
            }
            switch kind {
            case .binaryScore:
                record("accuracy") { () throws(DriftStatisticsError) in try state.confusion.accuracy() }
                record("precision") { () throws(DriftStatisticsError) in try state.confusion.precision() }
                record("recall") { () throws(DriftStatisticsError) in try state.confusion.recall() }
                record("f1") { () throws(DriftStatisticsError) in try state.confusion.f1() }
                if let error = state.aucError {
                    undefined["roc_auc"] = error
                } else {
                    record("roc_auc") { () throws(DriftStatisticsError) in try state.auc.rocAUC() }
                }
            case .multiclass:
                record("accuracy") { () throws(DriftStatisticsError) in try state.multiclass.accuracy() }
                record("precision") { () throws(DriftStatisticsError) in try state.multiclass.macroPrecision() }
                record("recall") { () throws(DriftStatisticsError) in try state.multiclass.macroRecall() }
                record("f1") { () throws(DriftStatisticsError) in try state.multiclass.macroF1() }
            case .regression:
                record("mae") { () throws(DriftStatisticsError) in try state.regression.meanAbsoluteError() }
                record("rmse") { () throws(DriftStatisticsError) in try state.regression.rootMeanSquaredError() }
            case .unsupported:
                break
            }
            return VersionPerformance(version: version, labeledRows: state.rows, metrics: metrics, undefined: undefined)
        }
        return WindowPerformance(
            labeledRows: results.reduce(0) { $0 + $1.labeledRows }, labelsPastTTL: pastTTL, unusablePairs: unusable,
            unsupported: unsupported, versions: results)
    }
}
