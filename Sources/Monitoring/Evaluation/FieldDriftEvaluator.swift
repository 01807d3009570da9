import DriftStatistics

/// Judges one field of a window against its baseline; see `evaluate(window:against:options:)`.
struct FieldDriftEvaluator {
    let options: EvaluationOptions
    let maxCategories: Int
    let bins: Int

    func report(window: FeatureWindowProfile, baseline: FeatureBaseline, rows: Int) -> FeatureDriftReport {
        FeatureDriftReport(
            field: baseline.field, type: baseline.type, outcome: outcome(window: window, baseline: baseline),
            quality: DataQualityReport(profile: window, rows: rows), referenceCount: baseline.valueCount,
            currentCount: window.sketchedCount)
    }

    private func outcome(window: FeatureWindowProfile, baseline: FeatureBaseline) -> FeatureDriftOutcome {
        let needed = max(options.minRows, 1)
        if baseline.valueCount < needed {
            return .insufficientData(role: .reference, needed: needed, got: baseline.valueCount)
        }
        if window.sketchedCount < needed {
            return .insufficientData(role: .current, needed: needed, got: window.sketchedCount)
        }
        if let reference = baseline.numeric, let current = window.numeric {
            return numericOutcome(baseline: baseline, reference: reference, current: current)
        }
        if let reference = baseline.categorical, let current = window.categorical {
            return categoricalOutcome(baseline: baseline, reference: reference, current: current)
        }
        return .notApplicable(reason: "the window and the baseline hold different kinds of sketch")
    }

    private func numericOutcome(
        baseline: FeatureBaseline, reference: NumericBaseline, current: NumericWindowSketch
    ) -> FeatureDriftOutcome {
        let union = reference.discreteValues.merging(current.discreteValues)
        if union.distinctCount == 1, let value = union.values.first {
            return .notEnoughVariation(reason: "every value is \(value) in both the reference and the window")
        }
        let chosen: DriftMethod
        if let method = options.method {
            chosen = method
        } else {
            do {
                chosen = try automaticDriftMethod(
                    kind: .numeric, referenceCount: baseline.valueCount, distinctValueCount: union.distinctCount)
            } catch {
                return Self.outcome(of: error)
            }
        }
        return judge(chosen) { (method) throws(DriftStatisticsError) -> (TwoSampleResult, DriftBasis) in
            let countsCategories = [.chi2, .z, .fisher, .psi, .kl, .js, .hellinger, .totalVariation].contains(method)
            if countsCategories, union.distinctCount <= 5 {
                let columns = DiscreteColumns(
                    reference: reference.discreteValues, current: current.discreteValues, maxCategories: maxCategories)
                let result = try Self.countResult(
                    method, reference: columns.reference, current: columns.current,
                    successes: (
                        columns.referenceSuccesses, columns.referenceTotal, columns.currentSuccesses, columns.currentTotal
                    ),
                    distinctCount: columns.distinctCount)
                return (result, .discreteValues)
            }
            switch method {
            case .psi, .kl, .js, .hellinger, .totalVariation:
                let result = try Self.countResult(
                    method, reference: baseline.referenceCounts, current: current.histogram.counts,
                    successes: nil, distinctCount: union.distinctCount)
                return (result, .frozenBins)
            default:
                // Raw-value methods, and categorical tests of continuous values (every distinct
                // value a category, as `univariateDrift` does), read the reservoirs.
                let referenceSample = reference.reservoir
                let currentSample = current.reservoir
                let result = try univariateDrift(
                    reference: .numeric(referenceSample.items), current: .numeric(currentSample.items), method: method,
                    bins: bins, maxCategories: maxCategories
                ).result
                let complete = referenceSample.items.count == referenceSample.seenCount
                    && currentSample.items.count == currentSample.seenCount
                return (result, complete ? .allValues : .reservoirSample)
            }
        }
    }

    private func categoricalOutcome(
        baseline: FeatureBaseline, reference: CategoricalBaseline, current: CategoryCountsSketch
    ) -> FeatureDriftOutcome {
        let distinct: Int
        if baseline.type == .boolean {
            distinct = zip(baseline.referenceCounts, current.counts).filter { $0 + $1 > 0 }.count
        } else {
            distinct = reference.distinctCount + Self.distinctNames(in: current.unseenCategories)
        }
        if distinct == 1 {
            let name = zip(reference.binning.categories, zip(baseline.referenceCounts, current.counts))
                .first { $1.0 + $1.1 > 0 }?.0 ?? ""
            return .notEnoughVariation(reason: "every value is '\(name)' in both the reference and the window")
        }
        let chosen: DriftMethod
        if let method = options.method {
            chosen = method
        } else {
            do {
                chosen = try automaticDriftMethod(
                    kind: .categorical, referenceCount: baseline.valueCount, distinctValueCount: distinct)
            } catch {
                return Self.outcome(of: error)
            }
        }
        return judge(chosen) { (method) throws(DriftStatisticsError) -> (TwoSampleResult, DriftBasis) in
            // The frozen bins rank categories by reference count, so bin 0 is the most frequent
            // reference value: the "success" `univariateDrift` picks for z and fisher.
            let successes = (
                baseline.referenceCounts.first ?? 0, baseline.valueCount, current.counts.first ?? 0, current.total
            )
            let result = try Self.countResult(
                method, reference: baseline.referenceCounts, current: current.counts, successes: successes,
                distinctCount: distinct)
            return (result, .frozenBins)
        }
    }

    /// Runs `method` and takes the verdict; statistics errors become outcomes, never failures.
    private func judge(
        _ method: DriftMethod, _ run: (DriftMethod) throws(DriftStatisticsError) -> (TwoSampleResult, DriftBasis)
    ) -> FeatureDriftOutcome {
        guard let threshold = options.threshold ?? DriftThreshold.evidentlyDefault(for: method) else {
            return .notApplicable(reason: "\(method.rawValue) is a multivariate method, not a univariate test")
        }
        do {
            let (result, basis) = try run(method)
            return .evaluated(FeatureDriftResult(
                method: result.method, statistic: result.statistic, pValue: result.pValue, threshold: threshold,
                drifted: threshold.isDrift(result), automatic: options.method == nil, basis: basis))
        } catch {
            return Self.outcome(of: error)
        }
    }

    /// The outcome a statistic's error stands for: degenerate data is "not enough variation",
    /// too few values "insufficient data", anything else "not applicable".
    static func outcome(of error: DriftStatisticsError) -> FeatureDriftOutcome {
        switch error {
        case .degenerateData(_, let reason): return .notEnoughVariation(reason: reason)
        case let .insufficientData(role, needed, got, _): return .insufficientData(role: role, needed: needed, got: got)
        case .emptySample(let role): return .insufficientData(role: role, needed: 1, got: 0)
        case .invalidArgument(_, let reason): return .notApplicable(reason: reason)
        case .nonFiniteValue: return .notApplicable(reason: error.description)
        }
    }

    /// A count-based method on two count vectors over the same bins. `successes` is
    /// (reference successes, reference total, current successes, current total) for z and fisher.
    private static func countResult(
        _ method: DriftMethod, reference: [Int], current: [Int], successes: (Int, Int, Int, Int)?, distinctCount: Int
    ) throws(DriftStatisticsError) -> TwoSampleResult {
        switch method {
        case .chi2: return try chiSquareHomogeneityTest(referenceCounts: reference, currentCounts: current)
        case .psi: return try populationStabilityIndex(referenceCounts: reference, currentCounts: current)
        case .kl: return try kullbackLeiblerDivergence(referenceCounts: reference, currentCounts: current)
        case .js: return try jensenShannonDistance(referenceCounts: reference, currentCounts: current)
        case .hellinger: return try hellingerDistance(referenceCounts: reference, currentCounts: current)
        case .totalVariation: return try totalVariationDistance(referenceCounts: reference, currentCounts: current)
        case .z, .fisher:
            guard let (referenceSuccesses, referenceTotal, currentSuccesses, currentTotal) = successes else {
                throw .invalidArgument(name: "method", reason: "\(method.rawValue) needs category counts")
            }
            guard distinctCount <= 2 else {
                throw .invalidArgument(
                    name: "method", reason: "\(method.rawValue) compares two values, but the samples hold \(distinctCount)")
            }
            if method == .z {
                return try twoProportionZTest(
                    referenceSuccesses: referenceSuccesses, referenceCount: referenceTotal,
                    currentSuccesses: currentSuccesses, currentCount: currentTotal)
            }
            return try fisherExactTest(
                referenceSuccesses, referenceTotal - referenceSuccesses, currentSuccesses, currentTotal - currentSuccesses)
        default:
            throw .invalidArgument(name: "method", reason: "\(method.rawValue) needs numeric values")
        }
    }

    /// How many distinct unseen names a summary saw: exact while nothing was evicted, else at
    /// least `capacity + 1` (an eviction needs that many distinct names).
    private static func distinctNames(in summary: MisraGriesSummary) -> Int {
        let tracked = summary.counters.values.reduce(0, +)
        return tracked == summary.total ? summary.counters.count : summary.capacity + 1
    }
}
