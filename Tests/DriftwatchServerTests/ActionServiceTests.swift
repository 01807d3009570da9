import DriftwatchTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Testing

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
        let arguments = ["--detectors", detectors.path, "--rule-interval", "1h"]
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
        #expect(server.stop() == 0)

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
    }
}
