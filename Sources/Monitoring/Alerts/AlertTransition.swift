/// A change of an alert's state at one evaluation, for the history (`GET /v1/alerts/history`).
public struct AlertTransition: Sendable, Equatable, Codable {
    public let alertName: String
    public let labels: SeriesLabels
    /// Nil when the alert appeared (as pending, or straight as firing with `for: 0`).
    public let from: AlertState?
    public let to: AlertState
    public let at: Double
    public let value: Double

    public init(alertName: String, labels: SeriesLabels, from: AlertState?, to: AlertState, at: Double, value: Double) {
        self.alertName = alertName
        self.labels = labels
        self.from = from
        self.to = to
        self.at = at
        self.value = value
    }
}
