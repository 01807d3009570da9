/// Where an action run stands. `triggered` runs are admitted by ``ActionPolicy`` into
/// `pending_approval`, `queued` or `skipped`; a manual approval moves `pending_approval` to
/// `queued` (or `rejected`, or `expired` when nobody decided in time); `queued` runs start
/// (`running`) within the action's `max_concurrent` and end `succeeded` or `failed`.
public enum ActionStatus: String, Sendable, Codable, CaseIterable {
    case triggered
    case pendingApproval = "pending_approval"
    case queued
    case running
    case succeeded
    case failed
    case skipped
    case rejected
    case expired

    /// Whether the run has ended.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .failed, .skipped, .rejected, .expired: true
        case .triggered, .pendingApproval, .queued, .running: false
        }
    }
}
