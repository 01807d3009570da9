/// Where an alert instance stands, as in Prometheus (`rules/alerting.go`).
public enum AlertState: String, Sendable, Codable, CaseIterable {
    /// The expression returns it, but not yet for the rule's `for` duration. Never notified.
    case pending
    /// Returned for at least `for` (or kept by `keep_firing_for`): notified, and re-sent.
    case firing
    /// Resolved: kept a while so the resolution reaches the notifiers, then forgotten.
    case inactive
}
