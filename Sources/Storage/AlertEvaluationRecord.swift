import Monitoring

/// What one evaluation of the alert rules writes, in one transaction: the rules' states, the
/// transitions for the history, the notifications it queues and the actions it triggers. Saved
/// together, a restart never finds a state whose notification or action was lost, nor one queued
/// twice.
public struct AlertEvaluationRecord: Sendable {
    /// Rule name → its state after the evaluation (replacing the stored one).
    public var states: [String: AlertRuleState]
    /// Rules no longer defined (after a reload): their stored states are deleted.
    public var removedRules: [String]
    public var transitions: [AlertTransition]
    public var notifications: [NewNotification]
    /// Runs in status `triggered`; one whose idempotency key is stored already is left out.
    public var actionRuns: [ActionRun]

    public init(
        states: [String: AlertRuleState], removedRules: [String] = [], transitions: [AlertTransition] = [],
        notifications: [NewNotification] = [], actionRuns: [ActionRun] = []
    ) {
        self.states = states
        self.removedRules = removedRules
        self.transitions = transitions
        self.notifications = notifications
        self.actionRuns = actionRuns
    }
}

/// A notification to queue for a receiver: its body as the receiver takes it, keyed by the alert
/// it is about, so a newer one of the same alert replaces an undelivered older one.
public struct NewNotification: Sendable, Equatable {
    public var receiver: String
    public var alertKey: String
    public var body: [UInt8]

    public init(receiver: String, alertKey: String, body: [UInt8]) {
        self.receiver = receiver
        self.alertKey = alertKey
        self.body = body
    }
}

/// A queued notification, as the delivery loop reads it.
public struct QueuedNotification: Sendable, Equatable {
    public var id: Int64
    public var receiver: String
    public var alertKey: String
    public var body: [UInt8]
    public var queuedAt: Double
    public var attempts: Int
    public var nextAttemptAt: Double
    public var lastError: String?
}
