import DriftwatchTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Integrations
import Logging
import Storage
import Synchronization
import Testing

/// Alert notifications from a real `driftwatch serve` to a webhook receiver running in the test:
/// each request is signed with the shared secret, 5xx answers are retried, a notification still
/// undelivered when the server stops is delivered after its restart, and exactly once.
@Suite(.timeLimit(.minutes(2))) struct NotificationDeliveryTests {
    /// What the receiver saw: each request's signature check and body, and the answer it gave.
    private final class Receiver: Sendable {
        struct Seen: Sendable {
            let signed: Bool
            let body: String
            let status: Int
        }

        let secret: [UInt8]
        let failing = Mutex(true)
        let seen = Mutex<[Seen]>([])

        init(secret: [UInt8]) {
            self.secret = secret
        }

        func handle(_ request: Request) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(body.readableBytesView)
            let signature = request.headers[HTTPField.Name(WebhookSignature.header)!] ?? ""
            let status = failing.withLock { $0 } ? 500 : 200
            seen.withLock {
                $0.append(Seen(
                    signed: WebhookSignature.isValid(signature, body: bytes, secret: secret),
                    body: String(decoding: bytes, as: UTF8.self), status: status))
            }
            return Response(status: .init(code: status))
        }
    }

    private func waitUntil(_ condition: () async throws -> Bool) async throws {
        while try await !condition() {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func signedRetriedAndDeliveredOnceAcrossARestart() async throws {
        let scratch = try ScratchDirectory()
        let secret = Array("a shared secret".utf8)
        let receiver = Receiver(secret: secret)
        let router = Router()
        router.post("/hook") { request, _ in try await receiver.handle(request) }
        let listener = try await LoopbackReceiver.start(router)
        defer { listener.stop() }
        let port = listener.port

        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        try Data("model: m\nrules:\n  - alert: Fired\n    expr: driftwatch_window_rows{model=\"m\"} >= 5\n    labels: {severity: page}\n".utf8)
            .write(to: detectors.appendingPathComponent("rules.yaml"))
        let secretFile = scratch.url.appendingPathComponent("webhook.secret")
        try Data((String(decoding: secret, as: UTF8.self) + "\n").utf8).write(to: secretFile)
        let arguments = [
            "--detectors", detectors.path, "--rule-interval", "1h", "--webhook-url", "http://127.0.0.1:\(port)/hook",
            "--webhook-secret-file", secretFile.path,
        ]

        var server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        try await ClosedRowWindow.create(on: server)

        // The receiver fails: the notification is retried (after about 1 s, then 2 s).
        try await waitUntil { receiver.seen.withLock { $0.count } >= 2 }
        #expect(server.stop() == 0)
        let attemptsBefore = receiver.seen.withLock { $0.count }
        do {
            let store = try SQLiteStore(path: scratch.url.appendingPathComponent("var/driftwatch.sqlite").path)
            let queued = try await store.dueNotifications(at: .infinity, limit: 10)
            #expect(queued.count == 1 && queued.first!.attempts >= 1 && queued.first!.lastError == "HTTP 500")
            try await store.close()
        }

        // Back up: the queued notification goes out after the restart, once.
        receiver.failing.withLock { $0 = false }
        let restarted = Date().timeIntervalSince1970
        server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        try await waitUntil { receiver.seen.withLock { $0.contains { $0.status == 200 } } }
        // The first evaluation after the restart has run and queued nothing new (the alert was sent).
        try await waitUntil {
            let body = try await server.request("GET", "/v1/alerts").body
            let listing = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return (listing?["lastEvaluation"] as? Double ?? 0) > restarted
        }
        #expect(server.stop() == 0)
        let store = try SQLiteStore(path: scratch.url.appendingPathComponent("var/driftwatch.sqlite").path)
        #expect(try await store.dueNotifications(at: .infinity, limit: 10).isEmpty)
        try await store.close()

        let seen = receiver.seen.withLock { $0 }
        #expect(seen.count > attemptsBefore && seen.filter { $0.status == 200 }.count == 1)
        #expect(seen.allSatisfy { $0.signed }, "every request carries a valid signature")
        let delivered = try #require(seen.first { $0.status == 200 })
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(delivered.body.utf8)) as? [String: Any])
        #expect(payload["status"] as? String == "firing")
        let alert = try #require(payload["alert"] as? [String: Any])
        #expect(alert["labels"] as? [String: String] == ["alertname": "Fired", "model": "m", "severity": "page"])
        // The server listens on port 0; the link names the port it was bound to.
        let link = try #require(alert["generatorURL"] as? String)
        #expect(link.wholeMatch(of: #/http://127\.0\.0\.1:[1-9][0-9]*/v1/models/m/drift/#) != nil, "\(link)")
        #expect(alert["startsAt"] is String && alert["endsAt"] is String)
    }
}
