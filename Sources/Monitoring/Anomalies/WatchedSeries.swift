import AnomalyDetection

/// What a metric-anomaly detector keeps for one series: the detector's state and what it said of
/// the latest points. `Codable`, so the store can save it and a restart resume where it stopped.
public struct WatchedSeries: Sendable, Codable, Equatable {
    public var detector: AnyAnomalyDetector
    /// The time of the latest point observed; a point at or before it is not observed again.
    public var lastTimestamp: Double?
    /// The verdict on the latest point (quiet for a missing value).
    public var lastVerdict: AnomalyVerdict
    /// The time of the latest anomalous point.
    public var lastAnomalyTimestamp: Double?
    /// Points observed since the detector was created.
    public var points: Int

    public init(detector: AnyAnomalyDetector) {
        self.detector = detector
        lastTimestamp = nil
        lastVerdict = .quiet
        lastAnomalyTimestamp = nil
        points = 0
    }

    /// Whether an anomalous point lies within `hold` seconds before the latest point.
    public func isAnomalous(hold: Double) -> Bool {
        guard let lastAnomalyTimestamp, let lastTimestamp else { return false }
        return lastTimestamp - lastAnomalyTimestamp <= hold
    }

    /// Observes the points after ``lastTimestamp``, in time order; of several points with one
    /// time, the last given counts, as the store keeps the last sample pushed for a time.
    /// - Returns: how many points were observed, how many were skipped as no later than a point
    ///   already observed, and how many were anomalous.
    public mutating func observe(_ points: [(timestamp: Double, value: Double)]) -> (observed: Int, skipped: Int, anomalous: Int) {
        var latest: [(timestamp: Double, value: Double)] = []
        latest.reserveCapacity(points.count)
        // Stable, so of equal times the last given stays last.
        for point in points.enumerated().sorted(by: { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }) {
            if let last = latest.last, last.timestamp == point.element.timestamp { latest.removeLast() }
            latest.append(point.element)
        }
        let fresh = latest.filter { point in lastTimestamp.map { point.timestamp > $0 } ?? true }
        guard !fresh.isEmpty else { return (0, points.count, 0) }
        let verdicts = detector.observe(values: fresh.map(\.value), times: fresh.map(\.timestamp))
        var anomalous = 0
        for (point, verdict) in zip(fresh, verdicts) where verdict.isAnomalous {
            anomalous += 1
            lastAnomalyTimestamp = point.timestamp
        }
        lastTimestamp = fresh[fresh.count - 1].timestamp
        lastVerdict = verdicts[verdicts.count - 1]
        self.points += fresh.count
        return (fresh.count, points.count - fresh.count, anomalous)
    }
}
