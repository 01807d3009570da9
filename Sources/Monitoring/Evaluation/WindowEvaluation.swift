import DriftStatistics

/// Judges a closed window against its baseline: per feature and for the prediction the drift
/// test, its verdict and the data-quality ratios; the share of drifted features; the outlier
/// counts of the baseline's Mahalanobis model when it has one.
///
/// **Method.** `options.method`, or under `auto` Evidently's rule
/// (`automaticDriftMethod(kind:referenceCount:distinctValueCount:)`) with the baseline's
/// non-missing reference count and the number of distinct values in reference and window together:
/// exact for numeric fields (per-value counts up to 6 distinct values on both sides) and for
/// categorical ones (reference names, plus the unseen names the window's summary saw).
///
/// **Data each method reads.**
/// - Binned divergences (psi, kl, js, hellinger, tv) and chi2: the baseline's frozen-bin counts
///   against the window's. For a numeric field with at most 5 distinct values (reference and
///   window together) they, and z / fisher, count each value as a category, as `univariateDrift`
///   and Evidently do. z / fisher on categories take the most frequent reference value as success.
///   These are exact for any window size.
/// - Raw-value methods (ks, anderson, cvm, mannwhitney, ttest, wasserstein, wasserstein_normed,
///   energy), and chi2 on continuous numeric values: the baseline's and the window's reservoirs,
///   via `univariateDrift`. While each side fits in its reservoir (`reservoirCapacity`, 10 000 by
///   default) the result equals the method on all rows (`DriftBasis.allValues`). Beyond that the
///   method runs on a uniform sample of `reservoirCapacity` values of the larger side
///   (`.reservoirSample`): distances become estimates and test p-values are those of the
///   sample sizes, so they lose power against small shifts rather than gaining false alarms.
///   Under `auto`, KS runs only for references of at most 1000 values, which a baseline
///   reservoir of at least 1000 (the default is 10 000) holds whole; larger references use the
///   normed Wasserstein distance, on samples once a side outgrows its reservoir.
///
/// **No verdict, never a crash.** Fewer than `minRows` non-missing values on either side is
/// `.insufficientData` (not drift, not an error). One value in both samples, or a method that
/// finds the data degenerate (`DriftStatisticsError.degenerateData`, e.g. z with no failures),
/// is `.notEnoughVariation` with the reason: a "no drift" verdict. A method that does not fit the
/// field (ks on categories, z on many values) is `.notApplicable`.
///
/// - Throws: `.layoutMismatch` when the window was not profiled on this baseline's layout;
///   `.invalidOption` for a negative `minRows`, a non-finite threshold or a multivariate method.
public func evaluate(
    window: WindowProfile, against baseline: BaselineProfile, options: EvaluationOptions = EvaluationOptions()
) throws(EvaluationError) -> WindowReport {
    if options.minRows < 0 {
        throw .invalidOption(name: "minRows", reason: "must not be negative, got \(options.minRows)")
    }
    if let threshold = options.threshold, !threshold.value.isFinite {
        throw .invalidOption(name: "threshold", reason: "must be finite, got \(threshold.value)")
    }
    if let method = options.method, DriftThreshold.evidentlyDefault(for: method) == nil {
        throw .invalidOption(name: "method", reason: "\(method.rawValue) is a multivariate method, not a univariate test")
    }
    if let reason = layoutDifference(window, baseline) { throw .layoutMismatch(reason) }
    let evaluator = FieldDriftEvaluator(
        options: options, maxCategories: baseline.options.maxCategories, bins: baseline.options.bins)
    let features = zip(window.features, baseline.features).map { current, reference in
        evaluator.report(window: current, baseline: reference, rows: window.rows)
    }
    return WindowReport(
        baselineName: baseline.name, windowRange: window.windowRange, rows: window.rows, features: features,
        prediction: evaluator.report(window: window.prediction, baseline: baseline.prediction, rows: window.rows),
        outliers: window.outliers.map(OutlierReport.init))
}

private func layoutDifference(_ window: WindowProfile, _ baseline: BaselineProfile) -> String? {
    if window.baselineName != baseline.name {
        return "the window was profiled on baseline '\(window.baselineName)', not '\(baseline.name)'"
    }
    if window.predictionSpec != baseline.predictionSpec { return "the prediction types differ" }
    if window.features.count != baseline.features.count {
        return "\(window.features.count) features in the window, \(baseline.features.count) in the baseline"
    }
    for (current, reference) in zip(window.features + [window.prediction], baseline.features + [baseline.prediction]) {
        guard current.field == reference.field, current.type == reference.type else {
            return "\(current.field) does not match \(reference.field)"
        }
        let sameBins: Bool
        switch (current.numeric, reference.numeric, current.categorical, reference.categorical) {
        case let (sketch?, frozen?, nil, nil):
            sameBins = sketch.histogram.binning == frozen.binning && sketch.referenceMinimum == frozen.minimum
                && sketch.referenceMaximum == frozen.maximum
        case let (nil, nil, sketch?, frozen?):
            sameBins = sketch.binning == frozen.binning
        default:
            sameBins = false
        }
        if !sameBins { return "\(current.field): the window's bins are not the baseline's" }
    }
    return nil
}
