import DriftStatistics
import LinearAlgebra

/// Relabellings of MMD's permutation test (alibi-detect's `n_permutations` default).
let multivariatePermutations = 100

/// Judges a closed window by the detectors of its model's plan: the overview of
/// `evaluate(window:against:options:)` under `method: auto` (every feature's drift and data
/// quality, the prediction, the outliers), with one ``DetectorReport`` per detector in
/// `detectors`' order.
///
/// - **univariate**: the selected features (`features: all`, or the listed ones the baseline
///   has), each with the detector's method, threshold and `min_rows` and its override
///   (`DetectorSpec.options(for:)`); the drift share over them as in ``WindowReport``. A feature
///   judged exactly as the overview judged it reuses that result.
/// - **prediction**: the prediction with the detector's method, threshold and `min_rows`.
/// - **multivariate**: the baseline's and the window's ``JointNumericSample`` restricted to the
///   selected numeric features (`all`: every numeric one) and to their rows complete in them;
///   fewer than `min_rows` rows on a side is insufficient data.
///   - `mmd` (the `auto` choice): `mmdTest` with 100 permutations seeded by the window index,
///     drift at p < 0.05 (alibi-detect's default) unless a threshold is set;
///   - `hotelling`: `hotellingT2Test`, drift at p < 0.05 unless a threshold is set;
///   - `pca-reconstruction`: `PCAReconstructionDrift` fitted on the baseline's rows; drift when
///     the window's error leaves NannyML's band (mean ± 3σ of the reference chunks; the result's
///     threshold is the upper bound), or, with `{score: x}`, when the error is at least x.
///   The basis is `.allValues` while both samples hold every row offered, else
///   `.reservoirSample`.
/// - **outliers**: the window's counts against the baseline's Mahalanobis model; the ratio
///   counts from `min_rows` scored rows.
/// - **data-quality**: the selected features whose quality ratios are exported.
/// - **performance**: judged when labels arrive (`PerformanceTracker`), so no window report.
///
/// - Throws: what `evaluate(window:against:options:)` throws for the overview.
public func evaluate(
    window: WindowProfile, against baseline: BaselineProfile, detectors: [DetectorSpec]
) throws(EvaluationError) -> WindowReport {
    var report = try evaluate(window: window, against: baseline)
    let names = baseline.features.map(\.field.name)
    /// A field judged with `options`; the overview's report when they are the overview's own.
    func judge(
        _ current: FeatureWindowProfile, _ reference: FeatureBaseline, _ options: EvaluationOptions, overview: FeatureDriftReport
    ) -> FeatureDriftReport {
        guard options != EvaluationOptions() else { return overview }
        return FieldDriftEvaluator(options: options, maxCategories: baseline.options.maxCategories, bins: baseline.options.bins)
            .report(window: current, baseline: reference, rows: window.rows)
    }
    report.detectors = detectors.compactMap { spec -> DetectorReport? in
        let outcome: DetectorReport.Outcome
        switch spec.kind {
        case .univariate:
            let selected = Set(spec.features.select(from: names))
            let features = zip(window.features, baseline.features).enumerated().compactMap { index, pair -> FeatureDriftReport? in
                let name = pair.1.field.name
                guard selected.contains(name) else { return nil }
                return judge(pair.0, pair.1, spec.options(for: name), overview: report.features[index])
            }
            outcome = .univariate(features: features, driftShare: WindowReport.driftShare(of: features))
        case .prediction:
            let options = EvaluationOptions(method: spec.method, threshold: spec.threshold, minRows: spec.minRows)
            outcome = .prediction(judge(window.prediction, baseline.prediction, options, overview: report.prediction))
        case .multivariate:
            outcome = .multivariate(multivariateReport(spec, window: window, baseline: baseline))
        case .outliers:
            outcome = .outliers(report.outliers, minRows: spec.minRows)
        case .dataQuality:
            outcome = .dataQuality(features: spec.features.select(from: names))
        case .performance:
            return nil
        }
        return DetectorReport(name: spec.name, outcome: outcome)
    }
    return report
}

private func multivariateReport(_ spec: DetectorSpec, window: WindowProfile, baseline: BaselineProfile) -> MultivariateDriftReport {
    guard let reference = baseline.joint, let current = window.joint else {
        let features = spec.features.select(from: baseline.joint?.names ?? [])
        let reason = baseline.joint == nil
            ? "baseline '\(baseline.name)' keeps no joint sample of rows (it has no numeric feature, or was frozen before driftwatch kept one); freeze it again"
            : "the window was opened before its baseline kept a joint sample of rows"
        return MultivariateDriftReport(features: features, referenceRows: 0, currentRows: 0, outcome: .notApplicable(reason: reason))
    }
    let features: [String]
    switch spec.features {
    case .all: features = reference.names
    case .named(let names): features = names
    }
    if let other = features.first(where: { !reference.names.contains($0) }) {
        return MultivariateDriftReport(
            features: features, referenceRows: 0, currentRows: 0,
            outcome: .notApplicable(reason: "'\(other)' is not a numeric feature of the model (numeric: \(reference.names.joined(separator: ", ")))"))
    }
    guard let referenceRows = reference.matrix(columns: features), let currentRows = current.matrix(columns: features) else {
        return MultivariateDriftReport(
            features: features, referenceRows: 0, currentRows: 0,
            outcome: .notApplicable(reason: "the window's joint sample does not hold the baseline's features"))
    }
    let report = { (outcome: FeatureDriftOutcome) in
        MultivariateDriftReport(
            features: features, referenceRows: referenceRows.rows, currentRows: currentRows.rows, outcome: outcome)
    }
    let needed = max(spec.minRows, 1)
    if referenceRows.rows < needed { return report(.insufficientData(role: .reference, needed: needed, got: referenceRows.rows)) }
    if currentRows.rows < needed { return report(.insufficientData(role: .current, needed: needed, got: currentRows.rows)) }
    let whole = reference.seenCount <= reference.rows.capacity && current.seenCount <= current.rows.capacity
    let basis: DriftBasis = whole ? .allValues : .reservoirSample
    let pValueDefault = DriftThreshold(value: 0.05, direction: .pValueBelow)
    do {
        let run: TwoSampleResult
        let defaultThreshold: DriftThreshold
        // PCA reconstruction's default verdict is NannyML's two-sided band, not one threshold.
        var bandVerdict: Bool?
        switch spec.method ?? .mmd {
        case .hotelling:
            let test = try hotellingT2Test(reference: referenceRows, current: currentRows)
            run = TwoSampleResult(method: .hotelling, statistic: test.statistic, pValue: test.pValue)
            defaultThreshold = pValueDefault
        case .pcaReconstruction:
            let model = try PCAReconstructionDrift(reference: referenceRows)
            let (error, outsideBand) = try model.evaluate(currentRows)
            run = TwoSampleResult(method: .pcaReconstruction, statistic: error)
            defaultThreshold = DriftThreshold(value: model.upperThreshold, direction: .statisticAbove)
            bandVerdict = outsideBand
        default:
            let test = try mmdTest(
                reference: referenceRows, current: currentRows, permutations: multivariatePermutations,
                seed: UInt64(bitPattern: window.windowRange.lowerBound))
            run = TwoSampleResult(method: .mmd, statistic: test.statistic, pValue: test.pValue)
            defaultThreshold = pValueDefault
        }
        let threshold = spec.threshold ?? defaultThreshold
        let drifted = (spec.threshold == nil ? bandVerdict : nil) ?? threshold.isDrift(run)
        return report(.evaluated(FeatureDriftResult(
            method: run.method, statistic: run.statistic, pValue: run.pValue, threshold: threshold, drifted: drifted,
            automatic: spec.method == nil, basis: basis)))
    } catch {
        return report(FieldDriftEvaluator.outcome(of: error))
    }
}
