import AnomalyDetection
import Monitoring

/// The saved state of one series a metric-anomaly detector watches, with the detector's kind and
/// parameters at the time, so a state saved under other parameters is told apart.
public struct StoredWatchedSeries: Sendable, Equatable {
    public var key: WatchedSeriesKey
    public var detector: AnomalyDetectorSpec
    public var series: WatchedSeries

    public init(key: WatchedSeriesKey, detector: AnomalyDetectorSpec, series: WatchedSeries) {
        self.key = key
        self.detector = detector
        self.series = series
    }
}
