import AnomalyDetection

/// Runs a fresh detector of `kind` (default parameters) over `values`, one score per value,
/// through ``AnyAnomalyDetector`` as the server and the CLI do.
enum DetectorRun {
    static func scores(_ kind: AnomalyDetectorKind, values: [Double], times: [Double]) -> [Double] {
        var detector = AnomalyDetectorSpec.defaults(kind).makeDetector()
        return detector.observe(values: values, times: times).map(\.score)
    }
}
