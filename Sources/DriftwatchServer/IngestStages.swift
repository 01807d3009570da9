import Storage
import Synchronization

/// Orders one model's prediction batches through two stages, the store and then profiling, each
/// running one batch at a time in the order the batches entered. A batch is stored while the one
/// before it is profiled, so neither stage waits for the other's work on another batch.
///
/// ## Conventions
/// - **Order**: stores run in entry order, and so do profiling steps (and the steps enqueued with
///   ``enqueue(_:)``); a batch's profiling step starts after its own store has finished.
/// - **Bound**: at most `maxUnprofiled` batches have entered but not finished profiling; a further
///   batch waits in ``enter(store:profile:)`` (first come, first served) before it is stored.
/// - **No actor hop on the request path**: the state is behind a mutex, so a batch entering or
///   being answered never waits for an actor busy profiling.
/// - **Failures**: a store that throws hands its error to the profiling step, which still runs
///   in order, and still frees its place.
final class IngestStages: Sendable {
    private struct State {
        var storeTail: Task<InsertOutcome, any Error>?
        var profileTail: Task<Void, Never>?
        var unprofiled = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let maxUnprofiled: Int
    private let state = Mutex(State())

    /// - Parameter maxUnprofiled: most batches stored or being stored but not yet profiled (at least 1).
    init(maxUnprofiled: Int) {
        precondition(maxUnprofiled >= 1, "at least one batch must be able to enter")
        self.maxUnprofiled = maxUnprofiled
    }

    /// Waits for room, then schedules `store` after the previous batch's store and `profile`
    /// (given the store's result) after the previous profiling step. Returns the store's task:
    /// its value is the batch's answer, available before the batch is profiled.
    func enter(
        store: @escaping @Sendable () async throws -> InsertOutcome,
        profile: @escaping @Sendable (Result<InsertOutcome, any Error>) async -> Void
    ) async -> Task<InsertOutcome, any Error> {
        await takePlace()
        return state.withLock { state in
            let previousStore = state.storeTail
            let stored = Task.detached { () async throws -> InsertOutcome in
                _ = await previousStore?.result
                return try await store()
            }
            state.storeTail = stored
            let previousProfile = state.profileTail
            state.profileTail = Task.detached {
                await previousProfile?.value
                await profile(await stored.result)
                self.freePlace()
            }
            return stored
        }
    }

    /// Schedules `body` after every profiling step entered before it (a flush, a baseline change).
    @discardableResult
    func enqueue(_ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        state.withLock { state in
            let previous = state.profileTail
            let task = Task.detached {
                await previous?.value
                await body()
            }
            state.profileTail = task
            return task
        }
    }

    /// How many batches wait in ``enter(store:profile:)`` for a place.
    var waitingBatches: Int { state.withLock { $0.waiting.count } }

    /// Returns once every profiling step scheduled before the call has finished.
    func settled() async {
        await state.withLock { $0.profileTail }?.value
    }

    private func takePlace() async {
        let admitted = state.withLock { state in
            guard state.unprofiled < maxUnprofiled else { return false }
            state.unprofiled += 1
            return true
        }
        if admitted { return }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                guard state.unprofiled < maxUnprofiled else {
                    state.waiting.append(continuation)
                    return false
                }
                state.unprofiled += 1
                return true
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Hands the place to the longest-waiting batch, if any, else frees it.
    private func freePlace() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.unprofiled -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
