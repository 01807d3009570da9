import Monitoring
import Testing

@Suite struct ActionPolicyTests {
    private func definition(cooldown: Double = 3600, approval: ActionDefinition.Approval = .none) throws -> ActionDefinition {
        ActionDefinition(
            name: "retrain", kind: .retrain,
            configuration: try ActionConfiguration(adapter: .webhook, settings: ["url": .text("http://127.0.0.1:9/hook")]),
            cooldown: cooldown, approval: approval, approvalTimeout: 600)
    }

    private func run(id: Int64, at time: Double, status: ActionStatus = .triggered, dryRun: Bool = false, firedAt: Double? = nil)
        -> ActionRun
    {
        let trigger = ActionTrigger(rule: "R", event: .firing, labels: ["model": "m"], value: 1, firedAt: firedAt ?? time, at: time)
        return ActionRun(id: id, action: "retrain", kind: .retrain, adapter: .webhook, trigger: trigger, dryRun: dryRun, status: status, createdAt: time)
    }

    @Test func anEarlierRunWithinTheCooldownSkipsTheNewOneNamingIt() throws {
        let earlier = run(id: 1, at: 1000, status: .succeeded)
        let new = run(id: 2, at: 2000)
        guard case .skip(let reason) = ActionPolicy.admit(new, of: try definition(), recent: [earlier, new], at: 2000) else {
            Issue.record("not skipped")
            return
        }
        #expect(reason.hasPrefix("cooldown: run 1 of 'retrain' for model 'm'"))
        #expect(ActionPolicy.admit(new, of: try definition(), recent: [earlier, new], at: 4601) == .queue)
    }

    @Test func failedRejectedAndDryRunsDoNotHoldRealRunsBack() throws {
        let new = run(id: 5, at: 2000)
        let others = [
            run(id: 1, at: 1500, status: .failed), run(id: 2, at: 1600, status: .rejected), run(id: 3, at: 1700, status: .expired),
            run(id: 4, at: 1800, status: .succeeded, dryRun: true),
        ]
        #expect(ActionPolicy.admit(new, of: try definition(), recent: others + [new], at: 2000) == .queue)
        let waiting = run(id: 6, at: 1900, status: .pendingApproval)
        guard case .skip = ActionPolicy.admit(new, of: try definition(), recent: others + [waiting], at: 2000) else {
            Issue.record("a run waiting for approval must hold the cooldown")
            return
        }
    }

    @Test func manualApprovalWaitsUntilItsTimeout() throws {
        #expect(ActionPolicy.admit(run(id: 1, at: 50), of: try definition(approval: .manual), recent: [], at: 100) == .awaitApproval(until: 700))
    }

    @Test func retriesNetworkErrorsAnd5xxButNot4xx() {
        #expect(ActionPolicy.isRetryable(status: nil) && ActionPolicy.isRetryable(status: 503) && ActionPolicy.isRetryable(status: 429))
        #expect(!ActionPolicy.isRetryable(status: 400) && !ActionPolicy.isRetryable(status: 403) && !ActionPolicy.isRetryable(status: 404))
        #expect((1...5).map { ActionPolicy.backoff(afterAttempt: $0, base: 2) } == [2, 4, 8, 16, 32])
        #expect(ActionPolicy.backoff(afterAttempt: 30, base: 1) == 300)
    }

    @Test func theIdempotencyKeyChangesWithTheFiringStartAndTheEventOnly() {
        let first = run(id: 1, at: 100, firedAt: 100)
        let reevaluated = run(id: 2, at: 160, firedAt: 100)
        let refired = run(id: 3, at: 900, firedAt: 900)
        #expect(first.idempotencyKey == reevaluated.idempotencyKey)
        #expect(first.idempotencyKey != refired.idempotencyKey)
        var resolved = first.trigger
        resolved.event = .resolved
        #expect(resolved.idempotencyKey(for: "retrain") != first.idempotencyKey)
        #expect(first.trigger.idempotencyKey(for: "rollback") != first.idempotencyKey)
    }
}
