import DriftwatchTestSupport
import Foundation
import Integrations
import Monitoring
import Synchronization

/// Runs one action through its real adapter and session, the way the server's action service
/// does, and keeps what the audit log would: each attempt, the result or the failure, and the
/// log lines (to check that no secret reaches them).
final class AdapterHarness: Sendable {
    let attempts = Mutex<[ActionAttempt]>([])
    let logs = LogCapture()

    struct Outcome {
        var result: ActionResult?
        var failure: ActionFailure?
        var attempts: [ActionAttempt]
        /// Everything recorded or logged, for secret checks.
        var recorded: String
    }

    /// `previous` answers ``ActionAdapter`` history lookups.
    func run(
        _ definition: ActionDefinition, trigger: ActionTrigger = AdapterHarness.trigger(), dryRun: Bool? = nil,
        environment: [String: String] = [:], runID: Int64 = 1,
        previous: @escaping @Sendable (String) async -> ActionTarget? = { _ in nil }
    ) async -> Outcome {
        var run = ActionRun(of: definition, for: trigger, at: trigger.at)
        run.id = runID
        if let dryRun { run.dryRun = dryRun }
        let session = ActionSession(
            definition: definition, run: run, transport: AsyncHTTPTransport(), secrets: SecretResolver(environment: environment),
            logger: logs.logger
        ) { attempt in self.attempts.withLock { $0.append(attempt) } }
        let adapter = ActionAdapters.adapter(for: definition.configuration)
        var outcome = Outcome(attempts: [], recorded: "")
        do {
            outcome.result = try await adapter.perform(session, previousTarget: previous)
        } catch {
            outcome.failure = error
        }
        outcome.attempts = attempts.withLock { $0 }
        let attemptText = outcome.attempts.map { "\($0.step)\n\($0.request)\n\($0.response)" }
        outcome.recorded = (attemptText + logs.lines + [outcome.failure?.message ?? "", outcome.result?.message ?? ""])
            .joined(separator: "\n")
        return outcome
    }

    /// An alert of rule `DriftHigh` on model `fraud-detector` that fired at a fixed time.
    static func trigger(model: String = "fraud-detector") -> ActionTrigger {
        ActionTrigger(
            rule: "DriftHigh", event: .firing, labels: ["alertname": "DriftHigh", "model": model, "severity": "page"],
            annotations: ["summary": "\(model): 60% of features drifted"], value: 0.6, firedAt: 1_795_280_000, at: 1_795_280_000,
            windowEnd: 1_795_279_800, windowRows: 1000, driftShares: ["feature-drift": 0.6], driftedFeatures: ["amount", "age"])
    }

    /// The definition of an action parsed from `with:` settings as the detector file gives them.
    static func definition(
        _ adapter: ActionDefinition.Adapter, kind: ActionDefinition.Kind, _ settings: [String: ActionSetting], retries: Int = 3,
        dryRun: Bool = false
    ) throws -> ActionDefinition {
        ActionDefinition(
            name: "test-action", kind: kind, configuration: try ActionConfiguration(adapter: adapter, settings: settings), dryRun: dryRun,
            timeout: 20, retries: retries, retryBackoff: 0.05)
    }
}
