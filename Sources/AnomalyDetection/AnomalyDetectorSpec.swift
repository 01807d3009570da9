/// A detector kind with its parameters, as a detector file or `--set` gives them, checked once so
/// that building the detector cannot fail.
public struct AnomalyDetectorSpec: Sendable, Equatable, Codable {
    public let kind: AnomalyDetectorKind
    /// By snake_case name; those left out take the detector's defaults.
    public let parameters: [String: Double]

    /// - Throws: a parameter the kind does not have, or a value outside its range, naming both.
    public init(kind: AnomalyDetectorKind, parameters: [String: Double] = [:]) throws(AnomalyDetectorSpecError) {
        let allowed = Self.ranges(of: kind)
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let range = allowed[name] else {
                let known = allowed.keys.sorted().joined(separator: ", ")
                throw AnomalyDetectorSpecError(parameter: name, message: "\(kind.rawValue) has no parameter '\(name)'; it has \(known)")
            }
            guard range.contains(value) else {
                throw AnomalyDetectorSpecError(parameter: name, message: "\(value) is outside \(range.description)")
            }
        }
        self.init(checked: kind, parameters)
    }

    private init(checked kind: AnomalyDetectorKind, _ parameters: [String: Double]) {
        self.kind = kind
        self.parameters = parameters
    }

    /// The kind with every parameter at its default.
    public static func defaults(_ kind: AnomalyDetectorKind) -> AnomalyDetectorSpec {
        AnomalyDetectorSpec(checked: kind, [:])
    }

    /// A fresh detector.
    public func makeDetector() -> AnyAnomalyDetector {
        func value(_ name: String) -> Double? { parameters[name] }
        func count(_ name: String) -> Int? { parameters[name].map { Int($0) } }
        switch kind {
        case .conformalEnsemble:
            let defaults = ConformalEnsembleDetector()
            return .conformalEnsemble(ConformalEnsembleDetector(
                history: count("history") ?? defaults.history, meanLength: count("mean_length") ?? defaults.meanLength,
                quietAfterAlarm: count("quiet_after_alarm") ?? defaults.quietAfterAlarm))
        case .robustZScore:
            let defaults = RobustZScoreDetector()
            return .robustZScore(RobustZScoreDetector(
                window: count("window") ?? defaults.window, threshold: value("threshold") ?? defaults.threshold,
                minimumPoints: count("minimum_points") ?? defaults.minimumPoints))
        case .ewma:
            let defaults = EWMADetector()
            return .ewma(EWMADetector(
                lambda: value("lambda") ?? defaults.lambda, bandWidth: value("band_width") ?? defaults.bandWidth,
                warmUp: count("warm_up") ?? defaults.warmUp))
        case .holtWinters:
            let defaults = HoltWintersDetector()
            return .holtWinters(HoltWintersDetector(
                alpha: value("alpha") ?? defaults.alpha, beta: value("beta") ?? defaults.beta, gamma: value("gamma") ?? defaults.gamma,
                bandWidth: value("band_width") ?? defaults.bandWidth, season: count("season"),
                inferencePoints: count("inference_points") ?? defaults.inferencePoints))
        case .cusum:
            let defaults = CUSUMDetector()
            return .cusum(CUSUMDetector(
                allowance: value("allowance") ?? defaults.allowance,
                decisionInterval: value("decision_interval") ?? defaults.decisionInterval, warmUp: count("warm_up") ?? defaults.warmUp))
        case .pageHinkley:
            let defaults = PageHinkleyDetector()
            return .pageHinkley(PageHinkleyDetector(
                delta: value("delta") ?? defaults.delta, threshold: value("threshold") ?? defaults.threshold,
                alpha: value("alpha") ?? defaults.alpha, warmUp: count("warm_up") ?? defaults.warmUp))
        case .spot, .dspot:
            let defaults = SPOTDetector()
            return .spot(SPOTDetector(
                risk: value("risk") ?? defaults.risk, calibration: count("calibration") ?? defaults.calibration,
                level: value("level") ?? defaults.level, depth: kind == .dspot ? count("depth") ?? 10 : 0,
                maximumPeaks: count("maximum_peaks") ?? defaults.maximumPeaks))
        }
    }

    /// Each parameter's accepted values.
    public static func ranges(of kind: AnomalyDetectorKind) -> [String: ParameterRange] {
        switch kind {
        case .conformalEnsemble:
            ["history": .whole(200...1_000_000), "mean_length": .whole(1...10_000), "quiet_after_alarm": .whole(0...1_000_000)]
        case .robustZScore:
            ["window": .whole(3...100_000), "threshold": .positive, "minimum_points": .whole(3...100_000)]
        case .ewma:
            ["lambda": .fraction, "band_width": .positive, "warm_up": .whole(2...1_000_000)]
        case .holtWinters:
            [
                "alpha": .unit, "beta": .unit, "gamma": .unit, "band_width": .positive, "season": .whole(1...100_000),
                "inference_points": .whole(8...1_000_000),
            ]
        case .cusum:
            ["allowance": .nonNegative, "decision_interval": .positive, "warm_up": .whole(2...1_000_000)]
        case .pageHinkley:
            ["delta": .nonNegative, "threshold": .positive, "alpha": .fraction, "warm_up": .whole(2...1_000_000)]
        case .spot:
            ["risk": .risk, "calibration": .whole(20...1_000_000), "level": .quantile, "maximum_peaks": .whole(10...100_000)]
        case .dspot:
            [
                "risk": .risk, "calibration": .whole(20...1_000_000), "level": .quantile, "maximum_peaks": .whole(10...100_000),
                "depth": .whole(1...100_000),
            ]
        }
    }

    /// What values a parameter takes.
    public enum ParameterRange: Sendable, Equatable, CustomStringConvertible {
        /// A whole number in the range.
        case whole(ClosedRange<Int>)
        /// (0, ∞).
        case positive
        /// [0, ∞).
        case nonNegative
        /// [0, 1].
        case unit
        /// (0, 1].
        case fraction
        /// (0, 0.5].
        case risk
        /// [0.5, 0.999].
        case quantile

        public func contains(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            switch self {
            case .whole(let range): return value == value.rounded() && Double(range.lowerBound) <= value && value <= Double(range.upperBound)
            case .positive: return value > 0
            case .nonNegative: return value >= 0
            case .unit: return (0...1).contains(value)
            case .fraction: return value > 0 && value <= 1
            case .risk: return value > 0 && value <= 0.5
            case .quantile: return (0.5...0.999).contains(value)
            }
        }

        public var description: String {
            switch self {
            case .whole(let range): "the whole numbers \(range.lowerBound)…\(range.upperBound)"
            case .positive: "(0, ∞)"
            case .nonNegative: "[0, ∞)"
            case .unit: "[0, 1]"
            case .fraction: "(0, 1]"
            case .risk: "(0, 0.5]"
            case .quantile: "[0.5, 0.999]"
            }
        }
    }
}
