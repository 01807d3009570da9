/// Any of the detectors as one `Codable` value, tagged by its kind: what a watched series keeps
/// and the store saves.
public enum AnyAnomalyDetector: StreamingAnomalyDetector {
    case conformalEnsemble(ConformalEnsembleDetector)
    case robustZScore(RobustZScoreDetector)
    case ewma(EWMADetector)
    case holtWinters(HoltWintersDetector)
    case cusum(CUSUMDetector)
    case pageHinkley(PageHinkleyDetector)
    case spot(SPOTDetector)

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        observe(values: [value], times: [time])[0]
    }

    /// Judges and learns each value in turn (`times[i]` is when `values[i]` was observed). Taking
    /// the detector out of the enum and putting it back costs more than a simple detector's
    /// whole update, so a series' points are best passed together.
    public mutating func observe(values: [Double], times: [Double]) -> [AnomalyVerdict] {
        precondition(values.count == times.count, "one time per value")
        func run(_ detector: inout some StreamingAnomalyDetector) -> [AnomalyVerdict] {
            var verdicts: [AnomalyVerdict] = []
            verdicts.reserveCapacity(values.count)
            for index in values.indices { verdicts.append(detector.observe(values[index], at: times[index])) }
            return verdicts
        }
        // The detector is taken out of `self` before it is changed, so its arrays are uniquely
        // referenced and change in place instead of being copied.
        switch consume self {
        case .conformalEnsemble(var detector):
            defer { self = .conformalEnsemble(detector) }
            return run(&detector)
        case .robustZScore(var detector):
            defer { self = .robustZScore(detector) }
            return run(&detector)
        case .ewma(var detector):
            defer { self = .ewma(detector) }
            return run(&detector)
        case .holtWinters(var detector):
            defer { self = .holtWinters(detector) }
            return run(&detector)
        case .cusum(var detector):
            defer { self = .cusum(detector) }
            return run(&detector)
        case .pageHinkley(var detector):
            defer { self = .pageHinkley(detector) }
            return run(&detector)
        case .spot(var detector):
            defer { self = .spot(detector) }
            return run(&detector)
        }
    }
}
