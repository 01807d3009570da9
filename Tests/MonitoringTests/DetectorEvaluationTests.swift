import DriftStatistics
import Foundation
import LinearAlgebra
import Testing

@testable import Monitoring

/// `evaluate(window:against:detectors:)`: each detector kind applies its features, method,
/// threshold, overrides and `min_rows`, and the multivariate detectors run on the joint samples of
/// whole rows, giving exactly what the statistics give on those rows.
@Suite struct DetectorEvaluationTests {
    static let pair = try! ModelSchema(
        features: [
            FeatureSpec(name: "x", type: .numeric), FeatureSpec(name: "y", type: .numeric),
            FeatureSpec(name: "note", type: .numeric), FeatureSpec(name: "region", type: .categorical),
        ],
        prediction: PredictionSpec(type: .score))

    /// x, y ~ N(0, 1) with correlation `rho` (their marginals do not depend on it); `note` is
    /// missing in every third row; region is a constant category.
    static func correlated(_ count: Int, rho: Double, seed: UInt64, shiftX: Double = 0) -> [PredictionEvent] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let a = random.nextNormal()
            let b = random.nextNormal()
            let x = a + shiftX
            let y = rho * a + (1 - rho * rho).squareRoot() * b
            let note: FeatureValue = index % 3 == 0 ? .missing : .number(random.nextNormal())
            return PredictionEvent(
                id: "\(seed)-\(index)",
                features: ["x": .number(x), "y": .number(y), "note": note, "region": .string("EU")],
                prediction: .number(random.nextOpenUnit()))
        }
    }

    /// The events' (x, y) rows, in event order: what the joint samples hold while they hold
    /// every row.
    static func rows(_ events: [PredictionEvent], _ names: [String] = ["x", "y"]) throws -> Matrix<Double> {
        try Matrix(rowMajor: events.compactMap { event in
            let values = names.map { name -> Double? in
                if case .number(let value) = event.features[name] { return value }
                return nil
            }
            return values.contains(nil) ? nil : values.compactMap { $0 }
        })
    }

    @Test func aCorrelationFlipIsCaughtJointlyAndMissedFeatureByFeature() throws {
        let reference = Self.correlated(400, rho: 0.9, seed: 1)
        let flipped = Self.correlated(300, rho: -0.9, seed: 2)
        let baseline = try BaselineProfile(name: "ref", schema: Self.pair, events: reference)
        let window = try ProfileTestData.profile(flipped, baseline: baseline, windowIndex: 7)
        let detectors = [
            DetectorSpec(name: "per-feature", kind: .univariate, features: .named(["x", "y"])),
            DetectorSpec(name: "joint", kind: .multivariate, features: .named(["x", "y"])),
        ]
        let report = try evaluate(window: window, against: baseline, detectors: detectors)
        #expect(report.detectors.map(\.name) == ["per-feature", "joint"])
        guard case let .univariate(features, share) = report.detectors[0].outcome else {
            Issue.record("\(report.detectors[0])")
            return
        }
        #expect(features.map(\.field.name) == ["x", "y"])
        #expect(share == 0, "the marginals are unchanged: \(features.map(\.outcome))")
        guard case .multivariate(let joint) = report.detectors[1].outcome, let result = joint.outcome.result else {
            Issue.record("\(report.detectors[1])")
            return
        }
        let expected = try mmdTest(
            reference: Self.rows(reference), current: Self.rows(flipped), permutations: 100, seed: 7)
        #expect(result.method == .mmd && result.automatic)
        #expect(result.statistic == expected.statistic && result.pValue == expected.pValue)
        #expect(result.drifted && expected.pValue < 0.05)
        #expect(result.basis == .allValues)
        #expect(joint.referenceRows == 400 && joint.currentRows == 300)

        let steady = try ProfileTestData.profile(Self.correlated(300, rho: 0.9, seed: 3), baseline: baseline, windowIndex: 8)
        let quiet = try evaluate(window: steady, against: baseline, detectors: detectors)
        guard case .multivariate(let calm) = quiet.detectors[1].outcome else { return }
        #expect(calm.outcome.result?.drifted == false, "\(calm)")
    }

    @Test func hotellingAndPCAReconstructionMatchTheirStatisticsOnTheSameRows() throws {
        let reference = Self.correlated(500, rho: 0.6, seed: 11)
        let shifted = Self.correlated(250, rho: 0.6, seed: 12, shiftX: 0.4)
        let baseline = try BaselineProfile(name: "ref", schema: Self.pair, events: reference)
        let window = try ProfileTestData.profile(shifted, baseline: baseline)
        // `note` is missing in a third of the rows: those rows are left out for it, not for x, y.
        let report = try evaluate(window: window, against: baseline, detectors: [
            DetectorSpec(name: "t2", kind: .multivariate, features: .named(["x", "y", "note"]), method: .hotelling),
            DetectorSpec(name: "pca", kind: .multivariate, method: .pcaReconstruction),
            DetectorSpec(name: "pca-score", kind: .multivariate, method: .pcaReconstruction, threshold: DriftThreshold(value: 0.01, direction: .statisticAtOrAbove)),
        ])
        let names = ["x", "y", "note"]
        let t2 = try hotellingT2Test(reference: Self.rows(reference, names), current: Self.rows(shifted, names))
        guard case .multivariate(let hotelling) = report.detectors[0].outcome, let result = hotelling.outcome.result else {
            Issue.record("\(report.detectors)")
            return
        }
        #expect(hotelling.referenceRows == 333 && hotelling.currentRows == 166)
        #expect(result.statistic == t2.statistic && result.pValue == t2.pValue)
        #expect(result.drifted == (t2.pValue < 0.05) && result.drifted)

        let pca = try PCAReconstructionDrift(reference: Self.rows(reference, names))
        let (error, outside) = try pca.evaluate(Self.rows(shifted, names))
        guard case .multivariate(let fitted) = report.detectors[1].outcome, let band = fitted.outcome.result,
            case .multivariate(let scored) = report.detectors[2].outcome, let fixed = scored.outcome.result
        else {
            Issue.record("\(report.detectors)")
            return
        }
        #expect(fitted.features == names)
        #expect(band.statistic == error && band.pValue == nil && band.drifted == outside)
        #expect(band.threshold == DriftThreshold(value: pca.upperThreshold, direction: .statisticAbove))
        #expect(fixed.statistic == error && fixed.drifted == (error >= 0.01))
    }

    @Test func overridesSelectionAndMinRowsShapeTheUnivariateReport() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(2000, seed: 1))
        var shift = ProfileTestData.Shift()
        shift.amountMean = 104
        let window = try ProfileTestData.profile(ProfileTestData.events(600, seed: 2, shift: shift), baseline: baseline)
        let psi = DriftThreshold(value: 0.25, direction: .statisticAtOrAbove)
        let spec = DetectorSpec(
            name: "strict", kind: .univariate, features: .named(["amount", "age", "country"]), method: .ks,
            threshold: DriftThreshold(value: 0.2, direction: .pValueBelow), minRows: 50,
            overrides: ["amount": .init(method: .psi, threshold: psi), "age": .init(method: .cvm)])
        let report = try evaluate(window: window, against: baseline, detectors: [spec])
        guard case let .univariate(features, share) = report.detectors.first?.outcome else {
            Issue.record("\(report.detectors)")
            return
        }
        #expect(features.map(\.field.name) == ["amount", "age", "country"])
        for feature in features {
            let options = spec.options(for: feature.field.name)
            let alone = try evaluate(window: window, against: baseline, options: options).feature(named: feature.field.name)
            #expect(feature == alone, "\(feature.field.name)")
        }
        #expect(features[0].outcome.result?.method == .psi && features[0].outcome.result?.threshold == psi)
        // An override's method without a threshold takes that method's default, not the detector's p < 0.2.
        #expect(features[1].outcome.result?.threshold == DriftThreshold.evidentlyDefault(for: .cvm))
        #expect(features[2].outcome == .notApplicable(reason: features[2].outcome.notApplicableReason ?? "?"))
        #expect(share == WindowReport.driftShare(of: features))

        let tight = DetectorSpec(name: "needs-more", kind: .univariate, features: .named(["age"]), minRows: 601)
        let starved = try evaluate(window: window, against: baseline, detectors: [tight])
        guard case let .univariate(few, fewShare) = starved.detectors.first?.outcome else { return }
        #expect(few.first?.outcome == .insufficientData(role: .current, needed: 601, got: 600))
        #expect(fewShare == nil)
    }

    @Test func predictionOutliersAndDataQualityFollowTheirDetectors() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(1500, seed: 4))
        let window = try ProfileTestData.profile(ProfileTestData.events(300, seed: 5), baseline: baseline)
        let report = try evaluate(window: window, against: baseline, detectors: [
            DetectorSpec(name: "scores", kind: .prediction, method: .psi),
            DetectorSpec(name: "far", kind: .outliers, minRows: 301),
            DetectorSpec(name: "near", kind: .outliers, minRows: 10),
            DetectorSpec(name: "quality", kind: .dataQuality, features: .named(["amount", "has_card"])),
            DetectorSpec(name: "perf", kind: .performance),
        ])
        #expect(report.detectors.map(\.name) == ["scores", "far", "near", "quality"])
        let alone = try evaluate(window: window, against: baseline, options: EvaluationOptions(method: .psi))
        #expect(report.detectors[0].outcome == .prediction(alone.prediction))
        #expect(report.detectors[1].outlierRatio == nil)
        #expect(report.detectors[2].outlierRatio == report.outliers?.ratio && report.outliers?.ratio != nil)
        #expect(report.detectors[3].outcome == .dataQuality(features: ["amount", "has_card"]))
    }

    @Test func aBaselineWithoutAJointSampleSaysSo() throws {
        let baseline = try BaselineProfile(name: "ref", schema: Self.pair, events: Self.correlated(200, rho: 0, seed: 1))
        let window = try ProfileTestData.profile(Self.correlated(200, rho: 0, seed: 2), baseline: baseline)
        var encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(baseline)) as? [String: Any] ?? [:]
        encoded["joint"] = nil
        let old = try JSONDecoder().decode(BaselineProfile.self, from: JSONSerialization.data(withJSONObject: encoded))
        #expect(old.joint == nil)
        let report = try evaluate(window: window, against: old, detectors: [
            DetectorSpec(name: "joint", kind: .multivariate), DetectorSpec(name: "typo", kind: .multivariate, features: .named(["x", "region"])),
        ])
        guard case .multivariate(let joint) = report.detectors[0].outcome else { return }
        #expect(joint.outcome.notApplicableReason?.contains("freeze it again") == true, "\(joint)")
        let current = try evaluate(window: window, against: baseline, detectors: [
            DetectorSpec(name: "typo", kind: .multivariate, features: .named(["x", "region"])),
            DetectorSpec(name: "few", kind: .multivariate, features: .named(["x", "y"]), minRows: 201),
        ])
        guard case .multivariate(let typo) = current.detectors[0].outcome, case .multivariate(let few) = current.detectors[1].outcome else { return }
        #expect(typo.outcome.notApplicableReason == "'region' is not a numeric feature of the model (numeric: x, y, note)")
        #expect(few.outcome == .insufficientData(role: .reference, needed: 201, got: 200))
    }

    /// A window's joint sample merges and survives JSON; beyond its capacity it is a uniform
    /// sample and the multivariate result says so.
    @Test func jointSamplesMergeRoundTripAndMarkSampledResults() throws {
        let baseline = try BaselineProfile(name: "ref", schema: Self.pair, events: Self.correlated(1500, rho: 0.5, seed: 1))
        #expect(baseline.joint?.rows.items.count == JointNumericSample.defaultCapacity)
        var first = try ProfileTestData.profile(Self.correlated(700, rho: 0.5, seed: 2), baseline: baseline, windowIndex: 3)
        let second = try ProfileTestData.profile(Self.correlated(700, rho: 0.5, seed: 3), baseline: baseline, windowIndex: 3, shard: 1)
        try first.merge(second)
        #expect(first.joint?.seenCount == 1400 && first.joint?.rows.items.count == 1000)
        let decoded = try JSONDecoder().decode(WindowProfile.self, from: JSONEncoder().encode(first))
        #expect(decoded == first)
        let report = try evaluate(window: first, against: baseline, detectors: [DetectorSpec(name: "j", kind: .multivariate, features: .named(["x", "y"]), method: .hotelling)])
        guard case .multivariate(let joint) = report.detectors.first?.outcome else { return }
        #expect(joint.outcome.result?.basis == .reservoirSample)
        #expect(joint.referenceRows == 1000 && joint.currentRows == 1000)
    }
}

extension FeatureDriftOutcome {
    var notApplicableReason: String? {
        if case .notApplicable(let reason) = self { return reason }
        return nil
    }
}
