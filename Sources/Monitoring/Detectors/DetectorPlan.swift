/// What the detector files say about one model: its window, lateness and baseline when a file
/// sets them, and the detectors its windows are judged by (``DetectorSet/plan(for:)``).
public struct DetectorPlan: Sendable, Equatable {
    /// Replaces the schema's window when set.
    public var window: WindowSpec?
    /// Replaces the server's `allowed_lateness` when set (seconds).
    public var allowedLateness: Double?
    /// The baseline windows are judged against instead of the active one, when set.
    public var baseline: String?
    public var detectors: [DetectorSpec]

    public init(window: WindowSpec? = nil, allowedLateness: Double? = nil, baseline: String? = nil, detectors: [DetectorSpec]) {
        self.window = window
        self.allowedLateness = allowedLateness
        self.baseline = baseline
        self.detectors = detectors
    }

    /// The detectors of a model no file selects: those of `detectors/default.yaml` — every
    /// feature and the prediction with `method: auto`, data quality, outliers and performance,
    /// each with `min_rows: 100`.
    public static let builtIn = DetectorPlan(detectors: [
        DetectorSpec(name: "feature-drift", kind: .univariate),
        DetectorSpec(name: "prediction-drift", kind: .prediction),
        DetectorSpec(name: "data-quality", kind: .dataQuality),
        DetectorSpec(name: "outliers", kind: .outliers),
        DetectorSpec(name: "performance", kind: .performance),
    ])

    /// The detector of `kind`, for the kinds a model has at most one of.
    public func detector(of kind: DetectorKind) -> DetectorSpec? {
        detectors.first { $0.kind == kind }
    }
}
