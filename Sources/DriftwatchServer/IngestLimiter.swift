import Synchronization

/// Bounds the ingest batches a server works on at once (predictions, labels, metrics).
///
/// A batch beyond the bound is refused at once with 503 and `Retry-After` (design.md: overload
/// is answered, never silently dropped) rather than queued: a client that retries after a second
/// costs nothing, while queued bodies would hold up to `maxBodyBytes` each in memory and their
/// waiting would show only as latency. The count is per process.
final class IngestLimiter: Sendable {
    /// The default bound: 64 batches. SQLite commits one transaction at a time, so more batches in
    /// flight add no throughput; 64 still absorbs a burst from dozens of endpoint replicas while
    /// bounding the bodies held in memory (64 × the 16 MiB body limit at worst, 1 GiB, and far
    /// less for typical batches of hundreds of events).
    static let defaultCapacity = 64

    let capacity: Int
    private let inFlight = Mutex(0)
    /// Runs after a batch is admitted and before its handler: a test holds a batch in flight with
    /// it, deterministically; the server passes nothing.
    private let admitted: (@Sendable () async -> Void)?

    init(capacity: Int, admitted: (@Sendable () async -> Void)? = nil) {
        self.capacity = capacity
        self.admitted = admitted
    }

    /// Runs `body` if a slot is free and returns its result, or returns nil at once when
    /// `capacity` batches are already in flight. The slot is freed when `body` returns or throws.
    func withSlot<Result>(_ body: () async throws -> Result) async rethrows -> Result? {
        let acquired = inFlight.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard acquired else { return nil }
        defer { inFlight.withLock { $0 -= 1 } }
        if let admitted { await admitted() }
        return try await body()
    }
}
