/// One file under `detectors/`: the models it applies to, their window, lateness and baseline when
/// it sets them, and its detectors, alert rules and actions. A file holding only metric-anomaly
/// detectors (with rules and actions) may name no model; its `models` then match none.
public struct DetectorFile: Sendable, Equatable {
    /// The file's path, for messages.
    public var path: String
    public var models: ModelSelector
    public var window: WindowSpec?
    /// Seconds an event may arrive after its window's end and still count.
    public var allowedLateness: Double?
    public var baseline: String?
    public var detectors: [DetectorSpec]
    /// The `kind: metric-anomaly` entries of `detectors`, which watch metric series, not a model.
    public var metricAnomalies: [MetricAnomalySpec]
    public var rules: [AlertRule]
    public var actions: [ActionDefinition]

    public init(
        path: String, models: ModelSelector, window: WindowSpec? = nil, allowedLateness: Double? = nil,
        baseline: String? = nil, detectors: [DetectorSpec] = [], metricAnomalies: [MetricAnomalySpec] = [], rules: [AlertRule] = [],
        actions: [ActionDefinition] = []
    ) {
        self.path = path
        self.models = models
        self.window = window
        self.allowedLateness = allowedLateness
        self.baseline = baseline
        self.detectors = detectors
        self.metricAnomalies = metricAnomalies
        self.rules = rules
        self.actions = actions
    }
}
