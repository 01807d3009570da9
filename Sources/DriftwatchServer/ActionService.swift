import Foundation
import Integrations
import Logging
import Monitoring
import ServiceLifecycle
import Storage

/// Carries out the actions alerts trigger. The alert engine stores each triggered run (under its
/// idempotency key) in the transaction that records the transition; this service then admits it
/// by ``ActionPolicy`` (skipped within the cooldown, waiting for approval, or queued), expires
/// approvals nobody gave in time, and starts queued runs within each action's `max_concurrent`,
/// each through its adapter. Every change of a run, and every attempt, is saved to the store as
/// it happens: the store is the audit log. A run found `running` at start was cut off by a stop
/// and is marked failed rather than run again, since part of it may already have taken effect.
actor ActionService: Service {
    enum DecisionError: Error, Sendable, Equatable {
        case notFound(Int64)
        case notPending(Int64, ActionStatus)
    }

    private let store: any Store
    private let transport: any HTTPTransport
    private let secrets: SecretResolver
    private let now: @Sendable () -> Double
    private let logger: Logger
    private var actions: [String: ActionDefinition]
    /// Runs being carried out, by id, with their latest state.
    private var running: [Int64: ActionRun] = [:]
    private var tasks: [Int64: Task<Void, Never>] = [:]
    private let wakeUps: AlertTrigger

    init(
        store: any Store, actions: [ActionDefinition], transport: any HTTPTransport = AsyncHTTPTransport(),
        secrets: SecretResolver = SecretResolver(), now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        logger: Logger
    ) {
        self.store = store
        self.actions = Dictionary(actions.map { ($0.name, $0) }) { first, _ in first }
        self.transport = transport
        self.secrets = secrets
        self.now = now
        self.logger = logger
        wakeUps = AlertTrigger()
    }

    /// Asks the loop to look at the runs now (new triggers, a decision, a run that ended).
    nonisolated func wake() {
        wakeUps.pull()
    }

    /// Replaces the action definitions (a reload). Runs already started finish under the old one.
    func replace(actions newActions: [ActionDefinition]) {
        actions = Dictionary(newActions.map { ($0.name, $0) }) { first, _ in first }
        wake()
    }

    func run() async throws {
        await recoverInterrupted()
        let ticks = Task { [wakeUps] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                wakeUps.pull()
            }
        }
        defer { ticks.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in self.wakeUps.pulls {
                await self.process()
            }
        }
        for task in tasks.values { task.cancel() }
        for task in tasks.values { await task.value }
    }

    /// Approves (`approved`) or rejects a run waiting for approval.
    func decide(id: Int64, approved: Bool, by: String, comment: String?) async throws -> ActionRun {
        guard var run = try await store.actionRun(id: id) else { throw DecisionError.notFound(id) }
        guard run.status == .pendingApproval else { throw DecisionError.notPending(id, run.status) }
        let time = now()
        run.decision = ActionDecision(approved: approved, by: by, at: time, comment: comment)
        run.status = approved ? .queued : .rejected
        run.updatedAt = time
        if !approved {
            run.finishedAt = time
            run.message = "rejected by \(by)" + (comment.map { ": \($0)" } ?? "")
        }
        try await store.updateActionRun(run)
        logger.notice(
            "action \(approved ? "approved" : "rejected")", metadata: ["action": "\(run.action)", "run": "\(id)", "by": "\(by)"])
        wake()
        return run
    }

    /// One pass: admit triggered runs, expire stale approvals, start what may start.
    func process() async {
        do {
            let open = try await store.actionRuns(statuses: [.triggered, .pendingApproval, .queued], beforeID: nil, limit: 1000)
            for run in open.reversed() where run.status == .triggered { try await admit(run) }
            let time = now()
            for var run in open where run.status == .pendingApproval {
                guard let expiry = run.approvalExpiresAt, expiry <= time else { continue }
                run.status = .expired
                run.updatedAt = time
                run.finishedAt = time
                run.message = "nobody approved it before \(RFC3339Text.of(expiry))"
                try await store.updateActionRun(run)
                logger.warning("action approval expired", metadata: ["action": "\(run.action)", "run": "\(run.id)"])
            }
            let queued = try await store.actionRuns(statuses: [.queued], beforeID: nil, limit: 1000)
            for run in queued.reversed() where running[run.id] == nil {
                try await start(run)
            }
        } catch {
            logger.error("actions not processed; retried in a second", metadata: ["error": "\(error)"])
        }
    }

    private func admit(_ run: ActionRun) async throws {
        var run = run
        let time = now()
        guard let definition = actions[run.action] else {
            try await finish(&run, .skipped, "action '\(run.action)' is no longer defined", at: time)
            return
        }
        let recent = try await store.actionRuns(action: run.action, model: run.model, createdSince: time - definition.cooldown)
        switch ActionPolicy.admit(run, of: definition, recent: recent, at: time) {
        case .skip(let reason):
            try await finish(&run, .skipped, reason, at: time)
            logger.info("action skipped", metadata: ["action": "\(run.action)", "run": "\(run.id)", "reason": "\(reason)"])
        case .awaitApproval(let until):
            run.status = .pendingApproval
            run.approvalExpiresAt = until
            run.updatedAt = time
            run.message = "waiting for approval until \(RFC3339Text.of(until))"
            try await store.updateActionRun(run)
            logger.notice(
                "action waits for approval",
                metadata: ["action": "\(run.action)", "run": "\(run.id)", "approve": "driftwatch actions approve \(run.id)"])
        case .queue:
            run.status = .queued
            run.updatedAt = time
            try await store.updateActionRun(run)
        }
    }

    private func start(_ run: ActionRun) async throws {
        var run = run
        let time = now()
        guard let definition = actions[run.action] else {
            try await finish(&run, .failed, "action '\(run.action)' is no longer defined", at: time)
            return
        }
        let busy = running.values.filter { $0.action == run.action }.count
        guard busy < definition.maxConcurrent else { return }
        run.status = .running
        run.startedAt = time
        run.updatedAt = time
        try await store.updateActionRun(run)
        running[run.id] = run
        let id = run.id
        logger.info(
            "action started",
            metadata: ["action": "\(run.action)", "run": "\(run.id)", "adapter": "\(run.adapter.rawValue)", "dry_run": "\(run.dryRun)"])
        let session = ActionSession(
            definition: definition, run: run, transport: transport, secrets: secrets, logger: logger, now: now
        ) { [weak self] attempt in
            await self?.record(attempt, of: id)
        }
        let adapter = ActionAdapters.adapter(for: definition.configuration)
        let store = store
        tasks[id] = Task {
            let outcome: Result<ActionResult, ActionFailure>
            do throws(ActionFailure) {
                outcome = .success(try await adapter.perform(session) { resource in try? await store.lastActionTarget(resource: resource) })
            } catch {
                outcome = .failure(error)
            }
            await self.complete(id, outcome)
        }
    }

    private func record(_ attempt: ActionAttempt, of id: Int64) async {
        guard var run = running[id] else { return }
        run.attempts.append(attempt)
        run.updatedAt = now()
        running[id] = run
        do {
            try await store.updateActionRun(run)
        } catch {
            logger.error("action attempt not saved", metadata: ["run": "\(id)", "error": "\(error)"])
        }
    }

    private func complete(_ id: Int64, _ outcome: Result<ActionResult, ActionFailure>) async {
        tasks[id] = nil
        guard var run = running.removeValue(forKey: id) else { return }
        let time = now()
        do {
            switch outcome {
            case .success(let result):
                run.target = result.target
                try await finish(&run, .succeeded, result.message, at: time)
                logger.notice("action succeeded", metadata: ["action": "\(run.action)", "run": "\(id)", "result": "\(result.message)"])
            case .failure(let failure):
                run.target = failure.target ?? run.target
                try await finish(&run, .failed, failure.message, at: time)
                logger.error("action failed", metadata: ["action": "\(run.action)", "run": "\(id)", "error": "\(failure.message)"])
            }
        } catch {
            logger.error("action outcome not saved", metadata: ["run": "\(id)", "error": "\(error)"])
        }
        wake()
    }

    private func finish(_ run: inout ActionRun, _ status: ActionStatus, _ message: String, at time: Double) async throws {
        run.status = status
        run.message = message
        run.updatedAt = time
        run.finishedAt = time
        try await store.updateActionRun(run)
    }

    /// Marks runs left `running` by an earlier process as failed.
    func recoverInterrupted() async {
        do {
            for var run in try await store.actionRuns(statuses: [.running], beforeID: nil, limit: 1000) {
                try await finish(
                    &run, .failed, "interrupted by a stop of driftwatch while running; not run again, since part of it may have taken effect",
                    at: now())
                logger.warning("action interrupted by a stop", metadata: ["action": "\(run.action)", "run": "\(run.id)"])
            }
        } catch {
            logger.error("interrupted actions not checked", metadata: ["error": "\(error)"])
        }
    }
}
