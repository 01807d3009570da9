/// One file under `detectors/`: the models it applies to, their window, lateness and baseline when
/// it sets them, and its detectors, alert rules and actions.
public struct DetectorFile: Sendable, Equatable {
    /// The file's path, for messages.
    public var path: String
    public var models: ModelSelector
    public var window: WindowSpec?
    /// Seconds an event may arrive after its window's end and still count.
    public var allowedLateness: Double?
    public var baseline: String?
    public var detectors: [DetectorSpec]
    public var rules: [AlertRule]
    public var actions: [ActionDefinition]

    public init(
        path: String, models: ModelSelector, window: WindowSpec? = nil, allowedLateness: Double? = nil,
        baseline: String? = nil, detectors: [DetectorSpec] = [], rules: [AlertRule] = [], actions: [ActionDefinition] = []
    ) {
        self.path = path
        self.models = models
        self.window = window
        self.allowedLateness = allowedLateness
        self.baseline = baseline
        self.detectors = detectors
        self.rules = rules
        self.actions = actions
    }
}
