/// One alert instance of a rule: an element of the rule's result, identified by its labels (the
/// element's labels without the metric name, plus the rule's labels, plus `alertname`). Times are
/// seconds since the Unix epoch. `Codable`, so the engine's state survives a restart.
public struct Alert: Sendable, Equatable, Codable {
    public var labels: SeriesLabels
    public var annotations: [String: String]
    /// The element's value at the last evaluation that returned it.
    public var value: Double
    public var state: AlertState
    /// When the expression first returned it (the start of `for`).
    public var activeAt: Double
    public var firedAt: Double?
    public var resolvedAt: Double?
    /// When `keep_firing_for` started holding it after the expression stopped returning it.
    public var keepFiringSince: Double?
    /// When it was last handed to the notifiers.
    public var lastSentAt: Double?
    /// Until when the last notification asked receivers to consider it firing.
    public var validUntil: Double?

    public init(labels: SeriesLabels, annotations: [String: String], value: Double, activeAt: Double) {
        self.labels = labels
        self.annotations = annotations
        self.value = value
        state = .pending
        self.activeAt = activeAt
    }

    /// Whether it is due for a notification at `time`, by Prometheus' rule (`needsSending`): never
    /// while pending; at once when resolved since the last send; otherwise when `resendDelay` has
    /// passed since the last send.
    public func needsSending(at time: Double, resendDelay: Double) -> Bool {
        if state == .pending { return false }
        if let resolvedAt, resolvedAt > (lastSentAt ?? -.infinity) { return true }
        return (lastSentAt ?? -.infinity) + resendDelay < time
    }
}
