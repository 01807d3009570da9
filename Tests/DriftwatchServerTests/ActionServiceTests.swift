import DriftwatchTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Integrations
import Logging
import Monitoring
import Storage
import Synchronization
import Testing

@testable import DriftwatchServer

/// Actions end to end on a real `driftwatch serve`: a rule fires, its action waits for manual
/// approval, `driftwatch actions approve` (the CLI) lets it run against a webhook receiver in the
/// test, the audit log and `/metrics` show it, and a restart while the alert keeps firing does not
/// trigger it again.
@Suite(.timeLimit(.minutes(2))) struct ActionServiceTests {
    final class Receiver: Sendable {
        let bodies = Mutex<[String]>([])

        func handle(_ request: Request) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            bodies.withLock { $0.append(String(decoding: body.readableBytesView, as: UTF8.self)) }
            return Response(status: .ok)
        }
    }

    private func waitUntil(_ condition: () async throws -> Bool) async throws {
        while try await !condition() {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func runs(_ server: ServeProcess) async throws -> [[String: Any]] {
        let answer = try await server.request("GET", "/v1/actions")
        let listing = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        return listing?["actions"] as? [[String: Any]] ?? []
    }

    @Test func approvedByTheCLIRunOnceAndAuditedAcrossARestart() async throws {
        let scratch = try ScratchDirectory()
        let receiver = Receiver()
        let router = Router()
        router.post("/retrain") { request, _ in try await receiver.handle(request) }
        let listener = try await LoopbackReceiver.start(router)
        defer { listener.stop() }
        let port = listener.port

        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        let file = """
            model: m
            rules:
              - alert: Fired
                expr: driftwatch_window_rows{model="m"} >= 5
                actions: [retrain]
            actions:
              - name: retrain
                kind: retrain
                adapter: webhook
                approval: manual
                with:
                  url: "http://127.0.0.1:\(port)/retrain"
                  secret_headers: {Authorization: {env: RETRAIN_TOKEN, prefix: "Bearer "}}
            """
        try Data(file.utf8).write(to: detectors.appendingPathComponent("rules.yaml"))
        let arguments = ["--detectors", detectors.path, "--rule-interval", "1h", "--log-level", "debug"]
        let token = "retrain-token-5e6f7a8b"
        var server = try await ServeProcess.start(in: scratch.url, arguments: arguments, environment: ["RETRAIN_TOKEN": token])
        try await ClosedRowWindow.create(on: server)

        try await waitUntil { try await runs(server).first?["status"] as? String == "pending_approval" }
        #expect(receiver.bodies.withLock { $0.isEmpty })
        let pending = try #require(try await runs(server).first)
        let id = try #require(pending["id"] as? Int)
        #expect((pending["labels"] as? [String: String])?["model"] == "m" && (pending["trigger"] as? [String: String])?["window_rows"] == "5")

        let approval = try await DriftwatchProcess.run(
            ["actions", "approve", String(id), "--server", server.baseURL, "--by", "alice", "--comment", "drift confirmed"], in: scratch.url)
        #expect(approval.status == 0, "\(approval.standardError)")
        #expect(approval.standardOutput.contains("action run \(id) (retrain) is now queued"))
        try await waitUntil { try await runs(server).first?["status"] as? String == "succeeded" }
        let bodies = receiver.bodies.withLock { $0 }
        #expect(bodies.count == 1 && bodies[0].contains(#""action":"retrain""#) && bodies[0].contains(#""model":"m""#))
        let done = try #require(try await runs(server).first)
        #expect((done["decision"] as? [String: Any])?["by"] as? String == "alice")
        #expect((done["attempts"] as? [[String: Any]])?.map { $0["status"] as? Int } == [200])
        let again = try await DriftwatchProcess.run(["actions", "approve", String(id), "--server", server.baseURL], in: scratch.url)
        #expect(again.status == 2 && again.standardError.contains("is succeeded, not waiting for approval"), "\(again.standardError)")
        let metrics = try await server.request("GET", "/metrics").body
        #expect(metrics.contains(#"driftwatch_actions_total{action="retrain",adapter="webhook",outcome="succeeded"} 1"#))
        #expect(!metrics.contains(token))
        #expect(server.stop() == 0)
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("action succeeded") && log.contains("Authorization: [redacted]") && !log.contains(token), "\(log)")

        // After a restart the alert is still firing: its state persisted, so nothing re-triggers.
        server = try await ServeProcess.start(in: scratch.url, arguments: arguments, environment: ["RETRAIN_TOKEN": token])
        try await waitUntil {
            let body = try await server.request("GET", "/v1/alerts").body
            let listing = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return listing?["lastEvaluation"] is Double
        }
        let listed = try await DriftwatchProcess.run(["actions", "list", "--server", server.baseURL], in: scratch.url)
        #expect(listed.status == 0 && listed.standardOutput.contains("retrain [webhook] model=m  succeeded"), "\(listed.standardOutput)")
        #expect(try await runs(server).count == 1 && receiver.bodies.withLock { $0.count } == 1)
        let audit = try await server.request("GET", "/v1/actions").body
        #expect(!audit.contains(token) && audit.contains("Authorization: [redacted]"))
        #expect(server.stop() == 0)
        #expect(!(try String(contentsOf: server.log, encoding: .utf8)).contains(token))
    }
}

/// The action service on a real SQLite store, with a clock the test sets and a webhook receiver
/// that holds every request until its latch opens: how cooldown, `max_concurrent`, approval,
/// rejection, expiry and a stop while running play out, each pass run by the test itself.
@Suite(.timeLimit(.minutes(1))) struct ActionServicePassTests {
    /// What the receiver saw: each request's body and `Authorization`, and how many it held at once.
    final class HeldReceiver: Sendable {
        struct Seen: Sendable {
            var bodies: [String] = []
            var authorizations: [String] = []
            var held = 0
            var mostHeld = 0
        }

        let latch = Latch()
        let seen = Mutex(Seen())

        func handle(_ request: Request) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            seen.withLock {
                $0.bodies.append(String(decoding: body.readableBytesView, as: UTF8.self))
                $0.authorizations.append(request.headers[.authorization] ?? "")
                $0.held += 1
                $0.mostHeld = max($0.mostHeld, $0.held)
            }
            await latch.wait()
            seen.withLock { $0.held -= 1 }
            return Response(status: .ok)
        }
    }

    /// The clock the service reads.
    final class TestClock: Sendable {
        let time = Mutex<Double>(1_795_280_000)
        var now: Double { time.withLock { $0 } }
        func advance(to time: Double) { self.time.withLock { $0 = time } }
    }

    static let token = "held-token-9c8d7e6f"

    /// One service with its store, receiver, clock and captured log.
    struct Bench {
        let store: SQLiteStore
        let receiver: HeldReceiver
        let clock: TestClock
        let logs: LogCapture
        let service: ActionService
        let definition: ActionDefinition

        /// Stores a firing of `DriftHigh` on `model` that triggers the action, as the alert engine
        /// does, at the clock's time, and returns the run's id.
        func trigger(model: String) async throws -> Int64 {
            let time = clock.now
            let trigger = ActionTrigger(
                rule: "DriftHigh", event: .firing, labels: ["alertname": "DriftHigh", "model": model], value: 0.6, firedAt: time, at: time)
            try await store.saveAlertEvaluation(
                AlertEvaluationRecord(states: [:], actionRuns: [ActionRun(of: definition, for: trigger, at: time)]), at: time)
            let stored = try await store.actionRuns(statuses: nil, beforeID: nil, limit: 1)
            return try #require(stored.first { $0.model == model }?.id)
        }

        func run(_ id: Int64) async throws -> ActionRun {
            try #require(try await store.actionRun(id: id))
        }

        /// Waits for the run to end (its request answered) and returns it.
        func ended(_ id: Int64) async throws -> ActionRun {
            while true {
                let run = try await run(id)
                if run.status.isFinal { return run }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        func waitUntilHeld(_ count: Int) async throws {
            while receiver.seen.withLock({ $0.held }) < count {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Runs `body` with a webhook action `retrain` (secret `Authorization` header) configured by
    /// `configure`, then checks that the token reached the receiver only, never the store or the log.
    private func withBench(_ configure: (inout ActionDefinition) -> Void, _ body: (Bench) async throws -> Void) async throws {
        let scratch = try ScratchDirectory()
        let receiver = HeldReceiver()
        let router = Router()
        router.post("/retrain") { request, _ in try await receiver.handle(request) }
        let listener = try await LoopbackReceiver.start(router)
        defer { listener.stop() }
        var definition = ActionDefinition(
            name: "retrain", kind: .retrain,
            configuration: try ActionConfiguration(
                adapter: .webhook,
                settings: [
                    "url": .text("http://127.0.0.1:\(listener.port)/retrain"),
                    "secret_headers": .mapping(["Authorization": .mapping(["env": .text("RETRAIN_TOKEN"), "prefix": .text("Bearer ")])]),
                ]),
            retries: 0)
        configure(&definition)
        let store = try SQLiteStore(path: scratch.url.appendingPathComponent("dw.sqlite").path)
        let clock = TestClock()
        let logs = LogCapture()
        let service = ActionService(
            store: store, actions: [definition], secrets: SecretResolver(environment: ["RETRAIN_TOKEN": Self.token]),
            now: { clock.now }, logger: logs.logger)
        let bench = Bench(store: store, receiver: receiver, clock: clock, logs: logs, service: service, definition: definition)
        do {
            try await body(bench)
        } catch {
            receiver.latch.open()
            try? await store.close()
            throw error
        }
        receiver.latch.open()
        let audit = try await store.actionRuns(statuses: nil, beforeID: nil, limit: 100)
        let auditText = String(decoding: try JSONEncoder().encode(audit), as: UTF8.self)
        #expect(!auditText.contains(Self.token) && !logs.lines.joined().contains(Self.token))
        #expect(receiver.seen.withLock { $0.authorizations }.allSatisfy { $0 == "Bearer \(Self.token)" })
        try await store.close()
    }

    @Test func aSecondFiringWithinTheCooldownIsSkippedAndOneAfterItRuns() async throws {
        try await withBench({ $0.cooldown = 3600 }) { bench in
            bench.receiver.latch.open()
            let first = try await bench.trigger(model: "m")
            await bench.service.process()
            #expect(try await bench.ended(first).status == .succeeded)

            bench.clock.advance(to: bench.clock.now + 1800)
            let second = try await bench.trigger(model: "m")
            let other = try await bench.trigger(model: "n")
            await bench.service.process()
            let skipped = try await bench.run(second)
            #expect(skipped.status == .skipped && skipped.message?.contains("cooldown") == true, "\(skipped.message ?? "")")
            #expect(try await bench.ended(other).status == .succeeded, "the cooldown is per model")

            bench.clock.advance(to: bench.clock.now + 1801)
            let third = try await bench.trigger(model: "m")
            await bench.service.process()
            #expect(try await bench.ended(third).status == .succeeded)
            #expect(bench.receiver.seen.withLock { $0.bodies.count } == 3)
        }
    }

    @Test func maxConcurrentHoldsFurtherRunsQueuedUntilOneEnds() async throws {
        try await withBench({ $0.maxConcurrent = 2 }) { bench in
            let ids = [try await bench.trigger(model: "a"), try await bench.trigger(model: "b"), try await bench.trigger(model: "c")]
            await bench.service.process()
            try await bench.waitUntilHeld(2)
            let (first, second) = (try await bench.run(ids[0]), try await bench.run(ids[1]))
            #expect(first.status == .running && second.status == .running)
            await bench.service.process()
            #expect(try await bench.run(ids[2]).status == .queued)

            bench.receiver.latch.open()
            for id in ids.prefix(2) { #expect(try await bench.ended(id).status == .succeeded) }
            await bench.service.process()
            #expect(try await bench.ended(ids[2]).status == .succeeded)
            #expect(bench.receiver.seen.withLock { ($0.bodies.count, $0.mostHeld) } == (3, 2))
        }
    }

    @Test func approvalExpiresAtItsTimeoutAndCannotBeGivenAfter() async throws {
        try await withBench({ $0.approval = .manual; $0.approvalTimeout = 600 }) { bench in
            bench.receiver.latch.open()
            let start = bench.clock.now
            let id = try await bench.trigger(model: "m")
            await bench.service.process()
            let pending = try await bench.run(id)
            #expect(pending.status == .pendingApproval && pending.approvalExpiresAt == start + 600)
            #expect(bench.logs.lines.contains { $0.contains("waits for approval") && $0.contains("driftwatch actions approve \(id)") })

            bench.clock.advance(to: start + 599)
            await bench.service.process()
            #expect(try await bench.run(id).status == .pendingApproval)
            bench.clock.advance(to: start + 600)
            await bench.service.process()
            let expired = try await bench.run(id)
            #expect(expired.status == .expired && expired.finishedAt == start + 600 && expired.outcome == "expired")
            await #expect(throws: ActionService.DecisionError.notPending(id, .expired)) {
                try await bench.service.decide(id: id, approved: true, by: "alice", comment: nil)
            }
            #expect(bench.receiver.seen.withLock { $0.bodies.isEmpty })
        }
    }

    @Test func aRejectedRunNeverRunsAndAnApprovedOneDoes() async throws {
        try await withBench({ $0.approval = .manual }) { bench in
            bench.receiver.latch.open()
            let rejectedID = try await bench.trigger(model: "m")
            let approvedID = try await bench.trigger(model: "n")
            await bench.service.process()

            let rejected = try await bench.service.decide(id: rejectedID, approved: false, by: "bob", comment: "seasonal, expected")
            #expect(rejected.status == .rejected && rejected.message == "rejected by bob: seasonal, expected")
            #expect(rejected.decision == ActionDecision(approved: false, by: "bob", at: bench.clock.now, comment: "seasonal, expected"))
            _ = try await bench.service.decide(id: approvedID, approved: true, by: "alice", comment: nil)
            await bench.service.process()
            #expect(try await bench.ended(approvedID).status == .succeeded)
            #expect(try await bench.run(rejectedID) == rejected)
            #expect(bench.receiver.seen.withLock { $0.bodies.count } == 1)

            await #expect(throws: ActionService.DecisionError.notPending(rejectedID, .rejected)) {
                try await bench.service.decide(id: rejectedID, approved: true, by: "alice", comment: nil)
            }
            await #expect(throws: ActionService.DecisionError.notFound(999)) {
                try await bench.service.decide(id: 999, approved: true, by: "alice", comment: nil)
            }
        }
    }

    /// A run left `running` by a stop may have half happened: it is marked failed, not run again.
    @Test func aRunInterruptedByAStopIsMarkedFailedNotRunAgain() async throws {
        try await withBench({ _ in }) { bench in
            let id = try await bench.trigger(model: "m")
            var left = try await bench.run(id)
            left.status = .running
            left.startedAt = bench.clock.now
            try await bench.store.updateActionRun(left)

            bench.clock.advance(to: bench.clock.now + 60)
            await bench.service.recoverInterrupted()
            let failed = try await bench.run(id)
            #expect(failed.status == .failed && failed.finishedAt == bench.clock.now)
            #expect(failed.message?.contains("interrupted by a stop") == true)
            await bench.service.process()
            #expect(try await bench.run(id).status == .failed)
            #expect(bench.receiver.seen.withLock { $0.bodies.isEmpty })
        }
    }
}
