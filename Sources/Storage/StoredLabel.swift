import Monitoring

/// A stored label event with the time the server received it; `event.timestamp` is always set
/// (the receipt time when the label came without one).
public struct StoredLabel: Sendable, Equatable {
    public var event: LabelEvent
    public var receivedAt: Double

    public init(event: LabelEvent, receivedAt: Double) {
        self.event = event
        self.receivedAt = receivedAt
    }
}
