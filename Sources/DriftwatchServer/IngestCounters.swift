import Monitoring

/// Counts of ingested and rejected events since the process started, exposed on `/metrics`.
///
/// Counters restart at zero with the process, as Prometheus counters may; `rate()` handles resets.
actor IngestCounters {
    /// Why events were refused; the values of the `reason` label.
    enum RejectionReason: String, Sendable, CaseIterable {
        /// A line failed validation against the model's schema (it is listed in the response).
        case invalidEvent = "invalid_event"
        /// The whole batch was unreadable (malformed framing), so none of it was counted as lines.
        case malformedBatch = "malformed_batch"
        /// The whole batch was refused with 503 because the ingest bound was reached; counted once
        /// per batch, as its lines were never read.
        case overloaded
    }

    private var predictions: [String: Int] = [:]
    private var labels: [String: Int] = [:]
    private var late: [String: Int] = [:]
    private var rejected: [RejectionKey: Int] = [:]
    private var metricSamples = 0
    private var metricRejections: [RejectionReason: Int] = [:]

    private struct RejectionKey: Hashable {
        var model: String
        var reason: RejectionReason
    }

    func addPredictions(model: String, count: Int) {
        predictions[model, default: 0] += count
    }

    func addLabels(model: String, count: Int) {
        labels[model, default: 0] += count
    }

    /// Events stored after their window closed: counted, not profiled (see ``ModelPipeline``).
    func addLate(model: String, count: Int) {
        late[model, default: 0] += count
    }

    func addRejected(model: String, reason: RejectionReason, count: Int) {
        guard count > 0 else { return }
        rejected[RejectionKey(model: model, reason: reason), default: 0] += count
    }

    /// Operational samples stored by `POST /v1/metrics`.
    func addMetricSamples(count: Int) {
        metricSamples += count
    }

    /// Operational samples (or, for `.malformedBatch`, whole bodies) refused by `POST /v1/metrics`.
    func addRejectedMetricSamples(reason: RejectionReason, count: Int) {
        guard count > 0 else { return }
        metricRejections[reason, default: 0] += count
    }

    /// The counters as exposition series, with the descriptors of `DriftwatchMetrics`.
    func metricSet() throws(ExpositionError) -> MetricSet {
        var set = MetricSet()
        try add(to: &set)
        return set
    }

    /// Adds the counters to `set`.
    func add(to set: inout MetricSet) throws(ExpositionError) {
        for (model, count) in predictions.sorted(by: { $0.key < $1.key }) {
            try set.add(DriftwatchMetrics.predictionsIngested, labels: ["model": model], value: Double(count))
        }
        for (model, count) in labels.sorted(by: { $0.key < $1.key }) {
            try set.add(DriftwatchMetrics.labelsIngested, labels: ["model": model], value: Double(count))
        }
        for (model, count) in late.sorted(by: { $0.key < $1.key }) {
            try set.add(DriftwatchMetrics.lateEvents, labels: ["model": model], value: Double(count))
        }
        let rejections = rejected.sorted { ($0.key.model, $0.key.reason.rawValue) < ($1.key.model, $1.key.reason.rawValue) }
        for (key, count) in rejections {
            try set.add(
                DriftwatchMetrics.ingestRejected, labels: ["model": key.model, "reason": key.reason.rawValue], value: Double(count))
        }
        // Exposed from zero: a counter without labels has exactly one series, so it can be there from the start.
        try set.add(DriftwatchMetrics.metricSamplesIngested, value: Double(metricSamples))
        for (reason, count) in metricRejections.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try set.add(DriftwatchMetrics.metricSamplesRejected, labels: ["reason": reason.rawValue], value: Double(count))
        }
    }
}
