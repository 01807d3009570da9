import DriftStatistics

/// One detector of a detector file: its name (the `detector` label of its series), its kind, the
/// features it reads, its method and threshold (nil: `auto`, Evidently's choice and default), the
/// rows below which a window is "insufficient data" rather than judged, and per-feature overrides
/// of method and threshold (univariate only).
public struct DetectorSpec: Sendable, Equatable, Codable {
    public var name: String
    public var kind: DetectorKind
    public var features: FeatureSelection
    public var method: DriftMethod?
    public var threshold: DriftThreshold?
    public var minRows: Int
    public var overrides: [String: FeatureOverride]

    /// A feature's own method or threshold. Without a threshold, an override's method takes its
    /// own default threshold (the detector's could be a p-value for a distance); without a
    /// method, the detector's method runs with the override's threshold.
    public struct FeatureOverride: Sendable, Equatable, Codable {
        public var method: DriftMethod?
        public var threshold: DriftThreshold?

        public init(method: DriftMethod? = nil, threshold: DriftThreshold? = nil) {
            self.method = method
            self.threshold = threshold
        }
    }

    public init(
        name: String, kind: DetectorKind, features: FeatureSelection = .all, method: DriftMethod? = nil,
        threshold: DriftThreshold? = nil, minRows: Int = 100, overrides: [String: FeatureOverride] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.features = features
        self.method = method
        self.threshold = threshold
        self.minRows = minRows
        self.overrides = overrides
    }

    /// The kinds a model has at most one detector of (``DetectorSet/plan(for:)``).
    public static let singletonKinds: Set<DetectorKind> = [.prediction, .dataQuality, .outliers, .performance]

    /// How the univariate detector judges `feature` (or the prediction detector the prediction),
    /// with its override applied.
    public func options(for feature: String) -> EvaluationOptions {
        guard let override = overrides[feature] else {
            return EvaluationOptions(method: method, threshold: threshold, minRows: minRows)
        }
        if let method = override.method {
            return EvaluationOptions(method: method, threshold: override.threshold, minRows: minRows)
        }
        return EvaluationOptions(method: method, threshold: override.threshold ?? threshold, minRows: minRows)
    }

    /// The methods each kind accepts (`auto` is always accepted).
    public static func methods(for kind: DetectorKind) -> [DriftMethod] {
        switch kind {
        case .univariate, .prediction:
            DriftMethod.allCases.filter { ![.mmd, .pcaReconstruction, .hotelling, .mahalanobis].contains($0) }
        case .multivariate: [.mmd, .pcaReconstruction, .hotelling]
        case .outliers: [.mahalanobis]
        case .performance, .dataQuality: []
        }
    }
}
