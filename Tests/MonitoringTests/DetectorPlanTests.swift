import DriftStatistics
import Testing

@testable import Monitoring

/// `DetectorSet.plan(for:)`: a file naming the model literally comes first, names and the
/// single-instance kinds are taken once, and a model no file selects gets the built-in plan.
@Suite struct DetectorPlanTests {
    static let everyModel = DetectorFile(
        path: "default.yaml", models: ModelSelector(patterns: ["*"]), window: .duration(seconds: 60), baseline: "spring",
        detectors: [
            DetectorSpec(name: "feature-drift", kind: .univariate),
            DetectorSpec(name: "scores", kind: .prediction),
            DetectorSpec(name: "quality", kind: .dataQuality),
        ])
    static let fraud = DetectorFile(
        path: "fraud.yaml", models: ModelSelector(patterns: ["fraud-*", "fraud"]), window: .rows(500), allowedLateness: 30,
        detectors: [
            DetectorSpec(name: "feature-drift", kind: .univariate, method: .psi),
            DetectorSpec(name: "fraud-scores", kind: .prediction, method: .ks),
            DetectorSpec(name: "joint", kind: .multivariate),
        ])

    @Test func aLiteralFileComesBeforeGlobsWhateverTheFileOrder() {
        let set = DetectorSet(files: [Self.everyModel, Self.fraud])
        let plan = set.plan(for: "fraud")
        #expect(plan.window == .rows(500) && plan.allowedLateness == 30)
        // The literal file sets no baseline; the glob file's applies.
        #expect(plan.baseline == "spring")
        #expect(plan.detectors.map(\.name) == ["feature-drift", "fraud-scores", "joint", "quality"])
        #expect(plan.detectors[0].method == .psi)
        #expect(plan.detector(of: .prediction)?.name == "fraud-scores")

        // For fraud-eu both files are globs: file order decides.
        let glob = set.plan(for: "fraud-eu")
        #expect(glob.window == .duration(seconds: 60))
        #expect(glob.detectors.map(\.name) == ["feature-drift", "scores", "quality", "joint"])
        #expect(glob.detectors[0].method == nil)
    }

    @Test func unselectedModelsGetTheBuiltInPlanAndAnEmptyFileTurnsDetectorsOff() {
        let set = DetectorSet(files: [Self.fraud, DetectorFile(path: "quiet.yaml", models: ModelSelector(patterns: ["quiet"]))])
        #expect(set.plan(for: "churn") == .builtIn)
        #expect(DetectorSet(files: []).plan(for: "anything") == .builtIn)
        #expect(DetectorPlan.builtIn.detectors.map(\.kind) == [.univariate, .prediction, .dataQuality, .outliers, .performance])
        #expect(set.plan(for: "quiet").detectors.isEmpty)
    }

    @Test func overridesKeepOrReplaceTheDetectorsMethodAndThreshold() {
        let pValue = DriftThreshold(value: 0.01, direction: .pValueBelow)
        let score = DriftThreshold(value: 0.3, direction: .statisticAtOrAbove)
        let spec = DetectorSpec(
            name: "d", kind: .univariate, method: .ks, threshold: pValue, minRows: 40,
            overrides: ["a": .init(method: .psi), "b": .init(threshold: DriftThreshold(value: 0.2, direction: .pValueBelow)), "c": .init(method: .js, threshold: score)])
        #expect(spec.options(for: "z") == EvaluationOptions(method: .ks, threshold: pValue, minRows: 40))
        #expect(spec.options(for: "a") == EvaluationOptions(method: .psi, threshold: nil, minRows: 40))
        #expect(spec.options(for: "b") == EvaluationOptions(method: .ks, threshold: DriftThreshold(value: 0.2, direction: .pValueBelow), minRows: 40))
        #expect(spec.options(for: "c") == EvaluationOptions(method: .js, threshold: score, minRows: 40))
    }
}
