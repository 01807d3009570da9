import Monitoring

/// What to do after an attempt to deliver a notification: a 2xx answer delivers it; a network
/// error, a 5xx, 408 or 429 answer is retried (the rule actions follow as well,
/// ``ActionPolicy/isRetryable(status:)``) with exponential backoff — 1 s, 2 s, 4 s, … up to 5
/// minutes — with up to ±20 % jitter, so receivers coming back are not hit by every sender at
/// once; any other answer (a 4xx refusing this body, a redirect) would come again, so the
/// notification is dropped and logged, as Alertmanager's notifiers do.
public enum DeliveryPolicy {
    public enum Outcome: Sendable, Equatable {
        case delivered
        case rejected(status: Int)
        case retry(afterSeconds: Double)
    }

    public static let maximumBackoff = ActionPolicy.maximumBackoff

    /// `status` nil for a network error; `attempts` made before this one; `jitter` in [-1, 1].
    public static func outcome(status: Int?, attempts: Int, jitter: Double) -> Outcome {
        if let status, (200..<300).contains(status) { return .delivered }
        if let status, !ActionPolicy.isRetryable(status: status) { return .rejected(status: status) }
        let base = ActionPolicy.backoff(afterAttempt: attempts + 1, base: 1)
        return .retry(afterSeconds: base * (1 + 0.2 * max(-1, min(1, jitter))))
    }
}
