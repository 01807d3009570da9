/// The rules every action follows, whatever its adapter: admission (cooldown, approval),
/// concurrency, approval expiry and retries. Pure decisions; the server applies them.
public enum ActionPolicy {
    /// What becomes of a triggered run.
    public enum Admission: Sendable, Equatable {
        /// Within the cooldown of an earlier run of the same action and model.
        case skip(reason: String)
        /// `approval: manual`: wait for a decision until the given time.
        case awaitApproval(until: Double)
        case queue
    }

    /// Admits `run` of `definition` at `time`, given the other runs of the same action and model
    /// created within the cooldown. A run counts against the cooldown unless it was skipped,
    /// rejected, expired or failed (a failed run changed nothing, so a new alert may try again);
    /// dry runs and real runs count apart, so turning `dry_run` off is not held back by a
    /// rehearsal.
    public static func admit(_ run: ActionRun, of definition: ActionDefinition, recent: [ActionRun], at time: Double) -> Admission {
        let blocking = recent.filter { other in
            other.id != run.id && other.dryRun == run.dryRun && other.createdAt > time - definition.cooldown
                && other.createdAt <= run.createdAt
                && [.triggered, .pendingApproval, .queued, .running, .succeeded].contains(other.status)
        }
        if let earlier = blocking.max(by: { $0.createdAt < $1.createdAt }) {
            let until = earlier.createdAt + definition.cooldown
            return .skip(
                reason: "cooldown: run \(earlier.id) of '\(definition.name)' for model '\(run.model)' was triggered at "
                    + "\(RFC3339Text.of(earlier.createdAt)); the next may run after \(RFC3339Text.of(until))")
        }
        if definition.approval == .manual { return .awaitApproval(until: time + definition.approvalTimeout) }
        return .queue
    }

    /// Whether a request that got `status` (nil: no answer, a network error or a timeout) is
    /// worth repeating: network errors, 5xx, 408 and 429 are; 4xx answers would be refused again.
    public static func isRetryable(status: Int?) -> Bool {
        guard let status else { return true }
        return status >= 500 || status == 408 || status == 429
    }

    /// The longest wait between two attempts: five minutes.
    public static let maximumBackoff: Double = 300

    /// Seconds to wait before attempt `attempt + 1` after `attempt` failed attempts (1-based):
    /// `base`, 2·`base`, 4·`base`, … capped at ``maximumBackoff``. Alert notifications back off
    /// the same way (`DeliveryPolicy`).
    public static func backoff(afterAttempt attempt: Int, base: Double) -> Double {
        min(maximumBackoff, base * Double(1 << min(max(attempt - 1, 0), 16)))
    }
}
