import Logging
import ServiceLifecycle
import Storage

/// Background pruning of raw events: once at start, then every `interval`, deletes the
/// predictions, labels and metric samples received more than `retention` seconds before `now()`
/// (``Store/prune(olderThan:batchSize:)``), and logs what it removed.
///
/// Predictions the window pipeline has not yet saved as applied (after the model's saved
/// `appliedThrough`) are kept by the store whatever their age, so a restart can still replay them
/// into the open windows. Models, baselines, window state and reports are never pruned.
///
/// A swift-service-lifecycle `Service` in the application's service group: on graceful shutdown
/// the wait between passes is cancelled at once, and a pass in progress stops at its next small
/// delete batch (each batch is its own transaction, so nothing is left half done), before the
/// store is closed.
struct RetentionService: Service {
    /// Hourly: the retention is counted in days, so an hour's extra keeping costs little, and a
    /// pass over an up-to-date store is a few index probes.
    static let defaultInterval = Duration.seconds(3600)

    let store: any Store
    /// Seconds raw events are kept after receipt (``ServerConfiguration/rawEventRetention``).
    let retention: Double
    let interval: Duration
    /// Seconds since the Unix epoch; injected so tests choose the time.
    let now: @Sendable () -> Double
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pass()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One pruning pass at `now()`; nil (logged) when the store failed or the pass was cancelled.
    @discardableResult
    func pass() async -> PruneOutcome? {
        let cutoff = now() - retention
        do {
            let outcome = try await store.prune(olderThan: cutoff)
            let removed = outcome.predictions + outcome.labels + outcome.metricSamples
            logger.log(
                level: removed > 0 ? .info : .debug, "pruned raw events received before the retention cutoff",
                metadata: [
                    "cutoff": "\(cutoff)", "predictions": "\(outcome.predictions)", "labels": "\(outcome.labels)",
                    "metric_samples": "\(outcome.metricSamples)",
                ])
            return outcome
        } catch {
            if Task.isCancelled {
                logger.debug("retention pass stopped by shutdown")
            } else {
                logger.error("retention pass failed; retried at the next interval", metadata: ["error": "\(error)"])
            }
            return nil
        }
    }
}
