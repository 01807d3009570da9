import AnomalyDetection

/// Runs a fresh detector of `kind` (default parameters) over `values`, one score per value.
enum DetectorRun {
    static func scores(_ kind: AnomalyDetectorKind, values: [Double], times: [Double]) -> [Double] {
        switch kind {
        case .conformalEnsemble: run(ConformalEnsembleDetector(), values, times)
        case .robustZScore: run(RobustZScoreDetector(), values, times)
        case .ewma: run(EWMADetector(), values, times)
        case .holtWinters: run(HoltWintersDetector(), values, times)
        case .cusum: run(CUSUMDetector(), values, times)
        case .pageHinkley: run(PageHinkleyDetector(), values, times)
        case .spot: run(SPOTDetector(), values, times)
        case .dspot: run(SPOTDetector(depth: 10), values, times)
        }
    }

    private static func run<Detector: StreamingAnomalyDetector>(_ detector: Detector, _ values: [Double], _ times: [Double]) -> [Double] {
        var detector = detector
        var scores = [Double](repeating: 0, count: values.count)
        for index in values.indices { scores[index] = detector.observe(values[index], at: times[index]).score }
        return scores
    }
}
