/// One triggering of an action and its audit trail: what triggered it, the adapter and target,
/// each attempt, the decision if it needed approval, and how it ended. Stored under a unique
/// ``idempotencyKey``, so a trigger runs an action at most once.
public struct ActionRun: Sendable, Equatable, Codable {
    /// Assigned by the store; 0 before it is stored.
    public var id: Int64
    public var action: String
    public var kind: ActionDefinition.Kind
    public var adapter: ActionDefinition.Adapter
    public var idempotencyKey: String
    public var trigger: ActionTrigger
    public var dryRun: Bool
    public var status: ActionStatus
    public var createdAt: Double
    public var updatedAt: Double
    /// Until when a run waiting for approval may be approved.
    public var approvalExpiresAt: Double?
    public var decision: ActionDecision?
    public var startedAt: Double?
    public var finishedAt: Double?
    public var target: ActionTarget?
    public var attempts: [ActionAttempt]
    /// Why it was skipped, why it failed, or what it did, in a sentence.
    public var message: String?

    public init(
        id: Int64 = 0, action: String, kind: ActionDefinition.Kind, adapter: ActionDefinition.Adapter, trigger: ActionTrigger,
        dryRun: Bool, status: ActionStatus = .triggered, createdAt: Double
    ) {
        self.id = id
        self.action = action
        self.kind = kind
        self.adapter = adapter
        idempotencyKey = trigger.idempotencyKey(for: action)
        self.trigger = trigger
        self.dryRun = dryRun
        self.status = status
        self.createdAt = createdAt
        updatedAt = createdAt
        attempts = []
    }

    /// The run of `definition` for `trigger`, not yet admitted.
    public init(of definition: ActionDefinition, for trigger: ActionTrigger, at time: Double) {
        self.init(
            action: definition.name, kind: definition.kind, adapter: definition.adapter, trigger: trigger, dryRun: definition.dryRun,
            createdAt: time)
    }

    public var model: String { trigger.model }

    /// The `outcome` label of `driftwatch_actions_total` for a run that has ended: its status,
    /// or `dry_run` for a dry run that went through.
    public var outcome: String? {
        guard status.isFinal else { return nil }
        return dryRun && status == .succeeded ? "dry_run" : status.rawValue
    }
}
