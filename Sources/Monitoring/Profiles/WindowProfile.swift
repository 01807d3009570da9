import DriftStatistics

/// The mergeable state of one window of one model against one baseline (issue 3, "Windows"):
/// per feature and for the prediction a `FeatureWindowProfile` over the baseline's frozen bins,
/// plus the window's row count and, when the baseline has an outlier model, the window's outlier
/// counts (`WindowOutliers`) and its ``JointNumericSample`` of whole numeric rows.
///
/// **Updating.** `add(_:)` costs O(features): a name comparison per declared feature, after which
/// values are read by position (see `PredictionEvent`; an event in another order is read through
/// one dictionary built for it), then constant work in the sketches (a binary search over ≤ `bins`
/// edges, a Welford update, one reservoir step, a scan of ≤ 6 discrete values, or a category
/// lookup). It allocates nothing beyond what the sketches themselves allocate (the unseen-name
/// summary on a new name), except that dictionary for an event off the order. With an outlier
/// model the numeric values are gathered while the features are added, in a buffer from
/// `withUnsafeTemporaryAllocation` (on the stack while it fits the compiler's 1 KiB limit, i.e.
/// up to 128 numeric features), and scored in O(d²) (`MahalanobisOutlierModel.squaredDistance(overwriting:)`).
/// Undeclared features in the event are ignored (the decoder counts them as schema violations).
///
/// **Merging.** `merge(_:)` combines profiles of the same baseline: counts, quality counters and
/// histograms add exactly, moments merge by Chan et al.'s update (1e-12 relative), reservoirs
/// merge into a uniform sample of the union (`ReservoirSample`). A merge is deterministic: each
/// reservoir is seeded from the window index, the `shard` and the field's name, and the merge
/// draws from the receiver's generator. Parts of one window built on different nodes (or from
/// split streams) must use different `shard` numbers, or their reservoirs make correlated choices.
///
/// Pure and `Codable`, so an open window can be persisted and resumed.
public struct WindowProfile: Sendable, Equatable, Codable {
    public let baselineName: String
    /// The windows this profile covers: one index, or the smallest range covering merged ones.
    public private(set) var windowRange: ClosedRange<Int64>
    /// Prediction events added.
    public private(set) var rows: Int
    /// One per baseline feature, in the baseline's order.
    public private(set) var features: [FeatureWindowProfile]
    public private(set) var prediction: FeatureWindowProfile
    public let predictionSpec: PredictionSpec
    /// Outlier counts; nil when the baseline has no outlier model (and in profiles saved before
    /// driftwatch scored outliers).
    public private(set) var outliers: WindowOutliers?
    /// The window's sample of whole numeric rows, laid out as the baseline's; nil when the
    /// baseline has none (and in profiles saved before driftwatch kept one).
    public private(set) var joint: JointNumericSample?

    /// An empty profile of window `windowIndex` laid out on `baseline`'s bins.
    /// - Parameter shard: distinguishes parts of one window built separately (see the type).
    /// - Throws: `.invalidBaseline` when the baseline's options cannot build sketches (only a
    ///   baseline decoded from a corrupted store can get there).
    public init(baseline: BaselineProfile, windowIndex: Int64, shard: UInt64 = 0) throws(WindowProfileError) {
        let windowSeed = ReservoirSeed.windowBase(windowIndex: windowIndex, shard: shard)
        let options = baseline.options
        do {
            features = try baseline.features.map { (feature) throws(DriftStatisticsError) in
                try FeatureWindowProfile(
                    baseline: feature, capacity: options.reservoirCapacity, unseenCapacity: options.unseenCapacity,
                    windowSeed: windowSeed)
            }
            prediction = try FeatureWindowProfile(
                baseline: baseline.prediction, capacity: options.reservoirCapacity,
                unseenCapacity: options.unseenCapacity, windowSeed: windowSeed)
        } catch {
            throw .invalidBaseline(error.description)
        }
        baselineName = baseline.name
        windowRange = windowIndex...windowIndex
        rows = 0
        predictionSpec = baseline.predictionSpec
        outliers = baseline.outliers?.model.map(WindowOutliers.init)
        joint = baseline.joint.map { JointNumericSample(layoutOf: $0, seed: ReservoirSeed.jointSeed(base: windowSeed)) }
    }

    /// The profile of the feature called `name`.
    public func feature(named name: String) -> FeatureWindowProfile? {
        features.first { $0.field == .feature(name) }
    }

    /// Adds one prediction event: every declared feature (absent ones as missing) and the
    /// prediction. A value of the wrong kind counts as a type violation of its field.
    public mutating func add(_ event: PredictionEvent) {
        rows += 1
        let values = EventFeatureReader(event, inOrder: hasFeatureOrder(of: event))
        if let model = outliers?.model {
            addFeatures(values, scoringWith: model)
        } else {
            for index in features.indices {
                guard case .feature(let name) = features[index].field else { continue }
                features[index].add(values.value(at: index, named: name))
            }
        }
        joint?.add(values)
        switch (predictionSpec.type, event.prediction) {
        case (.score, .number(let value)), (.regression, .number(let value)):
            prediction.addNumber(value)
        case (.class, _), (.probabilities, _):
            if let label = BaselineProfile.predictedClass(
                event.prediction, classes: predictionSpec.classes ?? [], type: predictionSpec.type)
            {
                prediction.addCategory(label)
            } else {
                prediction.recordTypeViolation()
            }
        default:
            prediction.recordTypeViolation()
        }
    }

    /// Whether the event holds exactly this profile's features, in its order.
    private func hasFeatureOrder(of event: PredictionEvent) -> Bool {
        let names = event.featureNames
        guard names.count == features.count else { return false }
        for index in features.indices {
            guard case .feature(let name) = features[index].field, name == names[index] else { return false }
        }
        return true
    }

    /// Adds the event's features and scores its numeric values when all are present and finite.
    private mutating func addFeatures(_ event: EventFeatureReader, scoringWith model: MahalanobisOutlierModel) {
        let dimension = model.dimension
        let outlier: Bool? = withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension) { values in
            var complete = true
            var slot = 0
            for index in features.indices {
                guard case .feature(let name) = features[index].field else { continue }
                let value = event.value(at: index, named: name)
                features[index].add(value)
                guard slot < dimension, model.featurePositions[slot] == index else { continue }
                if case .number(let number) = value, number.isFinite { values[slot] = number } else { complete = false }
                slot += 1
            }
            guard complete, slot == dimension else { return nil }
            return model.squaredDistance(overwriting: values) > model.threshold
        }
        if let outlier { outliers?.count(outlier: outlier) }
    }

    /// Counts a value of `feature` that the decoder rejected for its type (the line is not a row).
    /// - Throws: `.unknownFeature` when the baseline has no such feature.
    public mutating func recordTypeViolation(feature name: String) throws(WindowProfileError) {
        guard let index = features.firstIndex(where: { $0.field == .feature(name) }) else {
            throw .unknownFeature(name)
        }
        features[index].recordTypeViolation()
    }

    /// Counts a prediction value the decoder rejected for its type.
    public mutating func recordPredictionTypeViolation() {
        prediction.recordTypeViolation()
    }

    /// Merges `other` into this profile (see the type).
    /// - Throws: `.layoutMismatch` when the profiles were built over different baselines, fields
    ///   or bins; this profile is then unchanged.
    public mutating func merge(_ other: WindowProfile) throws(WindowProfileError) {
        if let reason = layoutDifference(from: other) { throw .layoutMismatch(reason) }
        var merged = self
        do {
            for index in merged.features.indices { try merged.features[index].merge(other.features[index]) }
            try merged.prediction.merge(other.prediction)
            if let theirs = other.outliers { merged.outliers?.merge(theirs) }
            if let theirs = other.joint { _ = merged.joint?.merge(theirs) }
        } catch {
            throw .layoutMismatch(error.description)
        }
        merged.rows += other.rows
        merged.windowRange = min(windowRange.lowerBound, other.windowRange.lowerBound)...max(
            windowRange.upperBound, other.windowRange.upperBound)
        self = merged
    }

    /// This profile merged with `other`; see `merge(_:)`.
    public func merging(_ other: WindowProfile) throws(WindowProfileError) -> WindowProfile {
        var merged = self
        try merged.merge(other)
        return merged
    }

    /// Where `other`'s layout differs from this one, or nil when they merge.
    func layoutDifference(from other: WindowProfile) -> String? {
        if baselineName != other.baselineName {
            return "baselines '\(baselineName)' and '\(other.baselineName)' differ"
        }
        if predictionSpec != other.predictionSpec { return "the prediction types differ" }
        if features.count != other.features.count {
            return "\(features.count) and \(other.features.count) features"
        }
        for (mine, theirs) in zip(features + [prediction], other.features + [other.prediction])
        where !mine.isCompatible(with: theirs) {
            return mine.field == theirs.field
                ? "\(mine.field): bins or reference range differ" : "\(mine.field) and \(theirs.field) differ"
        }
        if outliers?.model != other.outliers?.model { return "the outlier models differ" }
        if joint?.names != other.joint?.names { return "the joint samples' features differ" }
        return nil
    }
}
