import Foundation

/// What set an action off: an alert of a rule that started firing (or was resolved, for actions
/// with `on_resolved`), with the figures of the model's latest window that the rule saw. It is
/// recorded in the action's audit trail and offered to the adapter's templates as `$trigger`.
public struct ActionTrigger: Sendable, Equatable, Codable {
    public enum Event: String, Sendable, Codable, CaseIterable {
        case firing, resolved
    }

    /// The alerting rule's name (the alert's `alertname`).
    public var rule: String
    public var event: Event
    /// The alert's labels (`alertname` included).
    public var labels: [String: String]
    public var annotations: [String: String]
    /// The rule expression's value for the alert.
    public var value: Double
    /// When the alert started firing: with the rule, labels and event, what makes the trigger
    /// unique, so a re-evaluation, a restart or a retry never triggers an action twice.
    public var firedAt: Double
    /// When the transition was seen.
    public var at: Double
    /// The end of the model's latest closed window (`driftwatch_window_end_timestamp_seconds`).
    public var windowEnd: Double?
    /// Rows of that window (`driftwatch_window_rows`).
    public var windowRows: Int?
    /// Share of drifted features per detector (`driftwatch_dataset_drift_share`), by detector name.
    public var driftShares: [String: Double]
    /// Features whose drift verdict was 1 in that window, sorted.
    public var driftedFeatures: [String]

    public init(
        rule: String, event: Event, labels: [String: String], annotations: [String: String] = [:], value: Double,
        firedAt: Double, at: Double, windowEnd: Double? = nil, windowRows: Int? = nil, driftShares: [String: Double] = [:],
        driftedFeatures: [String] = []
    ) {
        self.rule = rule
        self.event = event
        self.labels = labels
        self.annotations = annotations
        self.value = value
        self.firedAt = firedAt
        self.at = at
        self.windowEnd = windowEnd
        self.windowRows = windowRows
        self.driftShares = driftShares
        self.driftedFeatures = driftedFeatures
    }

    /// The alert's `model` label; actions are rate-limited per action and model.
    public var model: String { labels["model"] ?? "" }

    /// The drift share the alert is about: its `detector` label's, else the largest one.
    public var driftShare: Double? {
        if let detector = labels["detector"], let share = driftShares[detector] { return share }
        return driftShares.values.max()
    }

    /// The key that makes `action` run at most once for this trigger: the action, the rule, the
    /// alert's labels (sorted), the firing start (exact bits) and the event.
    public func idempotencyKey(for action: String) -> String {
        let labelText = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return [action, rule, labelText, String(firedAt.bitPattern, radix: 16), event.rawValue].joined(separator: "\u{1F}")
    }

    /// `$trigger` in an action's templates: `model`, `rule`, `event`, `value`, `fired_at` and
    /// `window_end` (RFC 3339, UTC) with their `_seconds` forms, `window_rows`, `drift_share`
    /// and `drifted_features` (comma-separated); an unknown figure is absent, so it prints as
    /// the empty string.
    public var templateVariables: [String: String] {
        var variables = [
            "model": model, "rule": rule, "event": event.rawValue, "value": Self.number(value),
            "fired_at": RFC3339Text.of(firedAt), "fired_at_seconds": Self.seconds(firedAt),
            "drifted_features": driftedFeatures.joined(separator: ","),
        ]
        if let windowEnd {
            variables["window_end"] = RFC3339Text.of(windowEnd)
            variables["window_end_seconds"] = Self.seconds(windowEnd)
        }
        if let windowRows { variables["window_rows"] = String(windowRows) }
        if let driftShare { variables["drift_share"] = Self.number(driftShare) }
        return variables
    }

    /// A number as Prometheus prints sample values (shortest round-trip form).
    static func number(_ value: Double) -> String {
        PrometheusNumber.text(value)
    }

    /// Epoch seconds with milliseconds, never in exponent form.
    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

extension ActionTrigger {
    /// The trigger with the figures of its model's latest window read from `snapshot` (the
    /// series the rule was evaluated over): window end and rows, drift share per detector, and
    /// the features whose verdict was 1.
    public func withWindowFigures(from snapshot: SeriesSnapshot) -> ActionTrigger {
        guard let model = labels["model"] else { return self }
        var trigger = self
        let byModel = { (name: String) in snapshot.samples(named: name).filter { $0.labels["model"] == model } }
        trigger.windowEnd = byModel(DriftwatchMetrics.windowEndTimestamp.name).first?.value
        trigger.windowRows = byModel(DriftwatchMetrics.windowRows.name).first.flatMap { Int(exactly: $0.value) }
        for sample in byModel(DriftwatchMetrics.datasetDriftShare.name) {
            if let detector = sample.labels["detector"] { trigger.driftShares[detector] = sample.value }
        }
        let drifted = byModel(DriftwatchMetrics.featureDriftDetected.name).filter { $0.value == 1 }.compactMap { $0.labels["feature"] }
        trigger.driftedFeatures = Array(Set(drifted)).sorted()
        return trigger
    }
}
