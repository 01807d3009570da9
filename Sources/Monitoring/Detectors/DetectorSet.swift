/// Every detector file of a directory, checked together: what `driftwatch serve --detectors DIR`
/// runs and `driftwatch validate` checks. Action names are unique across the set, and every rule
/// names only defined actions.
public struct DetectorSet: Sendable, Equatable {
    public let files: [DetectorFile]

    public init(files: [DetectorFile]) {
        self.files = files
    }

    public var rules: [AlertRule] { files.flatMap(\.rules) }
    public var actions: [ActionDefinition] { files.flatMap(\.actions) }
    /// Every file's metric-anomaly detectors, in file order (their names are unique across files).
    public var metricAnomalies: [MetricAnomalySpec] { files.flatMap(\.metricAnomalies) }

    /// The files that apply to `model`, in file order.
    public func files(for model: String) -> [DetectorFile] {
        files.filter { $0.models.matches(model) }
    }

    /// The plan of `model` (see ``DetectorPlan``), from the files that select it: first those
    /// naming it literally, then the others, each group in file order.
    /// - window, lateness and baseline: the first file that sets each;
    /// - detectors: every file's, a name taken once (the first file's detector wins), and at
    ///   most one detector of each of the kinds prediction, data-quality, outliers and
    ///   performance (the first one), since their series carry no detector label to tell two
    ///   apart;
    /// - no file selects the model: ``DetectorPlan/builtIn``. A file selecting it with no
    ///   detectors turns them off.
    public func plan(for model: String) -> DetectorPlan {
        let selecting = files(for: model)
        guard !selecting.isEmpty else { return .builtIn }
        let literal = selecting.filter { $0.models.patterns.contains(model) }
        let ordered = literal + selecting.filter { !$0.models.patterns.contains(model) }
        var plan = DetectorPlan(
            window: ordered.lazy.compactMap(\.window).first,
            allowedLateness: ordered.lazy.compactMap(\.allowedLateness).first,
            baseline: ordered.lazy.compactMap(\.baseline).first, detectors: [])
        for detector in ordered.flatMap(\.detectors) {
            if plan.detectors.contains(where: { $0.name == detector.name }) { continue }
            if DetectorSpec.singletonKinds.contains(detector.kind), plan.detector(of: detector.kind) != nil { continue }
            plan.detectors.append(detector)
        }
        return plan
    }
}
