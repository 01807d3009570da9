import Foundation
import Logging
import ServiceLifecycle

/// Runs the alert engine: it restores the stored alert states at start, then evaluates the rules
/// every `interval` and whenever a model's window closes (the pipelines pull `trigger`), so an
/// alert reacts to a new window at once rather than at the next tick. Triggers that arrive during
/// an evaluation are folded into the next one. On graceful shutdown the loop stops between
/// evaluations; each evaluation's save is one transaction.
struct AlertEvaluationService: Service {
    let engine: AlertEngine
    /// Wakes the notification delivery once an evaluation queued notifications.
    let notificationsQueued: @Sendable () -> Void
    /// Wakes the action service once an evaluation triggered actions.
    let actionsTriggered: @Sendable () -> Void
    let trigger: AlertTrigger
    let interval: Duration
    let now: @Sendable () -> Double
    let logger: Logger

    func run() async throws {
        await engine.whenNotificationsQueued(notificationsQueued)
        await engine.whenActionsTriggered(actionsTriggered)
        do {
            try await engine.restore()
        } catch {
            logger.error("stored alert states not read; alerts start over", metadata: ["error": "\(error)"])
        }
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                trigger.pull()
            }
        }
        defer { ticks.cancel() }
        await cancelWhenGracefulShutdown {
            trigger.pull()
            for await _ in trigger.pulls {
                do {
                    try await engine.evaluate(at: now())
                } catch {
                    if Task.isCancelled { break }
                    logger.error("alert evaluation failed; retried at the next one", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}

/// Asks for an alert evaluation; pulls while one is pending collapse into it.
struct AlertTrigger: Sendable {
    let pulls: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (pulls, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func pull() {
        continuation.yield()
    }
}
