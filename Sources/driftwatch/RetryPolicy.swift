import Foundation

/// When `driftwatch ingest` sends a batch again.
///
/// - 503 with `Retry-After`: the server is shedding load; wait the given seconds (capped) and send
///   again, up to `overloadAttempts` times — overload is expected to pass, so these waits do not
///   count as failures.
/// - Other 5xx, 503 without `Retry-After`, a lost connection or a timeout: up to `attempts` sends
///   in all, waiting `baseDelay`, then twice that, and so on.
/// - 4xx: never; the request itself is wrong and would be refused again.
///
/// Re-sending is safe because the server deduplicates events on `id`.
struct RetryPolicy: Sendable {
    var attempts = 5
    var baseDelay: Duration = .milliseconds(500)
    var overloadAttempts = 120
    var maximumRetryAfter: Duration = .seconds(60)

    enum Decision: Equatable {
        case retry(after: Duration)
        case fail
    }

    /// What happened to one batch so far.
    struct History {
        var failures = 0
        var overloads = 0
    }

    /// What to do after an error answer of `status`, recording it in `history`.
    func afterStatus(_ status: Int, retryAfter: String?, history: inout History) -> Decision {
        if status == 503, let seconds = retryAfter.flatMap(Self.seconds(retryAfter:)) {
            history.overloads += 1
            return history.overloads <= overloadAttempts ? .retry(after: min(.seconds(seconds), maximumRetryAfter)) : .fail
        }
        guard status >= 500 else { return .fail }
        return afterTransportError(history: &history)
    }

    /// What to do after a request that got no answer, recording it in `history`.
    func afterTransportError(history: inout History) -> Decision {
        history.failures += 1
        guard history.failures < attempts else { return .fail }
        return .retry(after: baseDelay * (1 << (history.failures - 1)))
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3); the HTTP-date form is treated as absent.
    static func seconds(retryAfter text: String) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else { return nil }
        return value
    }
}
