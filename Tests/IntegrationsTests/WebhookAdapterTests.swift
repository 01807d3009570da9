import DriftwatchTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Integrations
import Monitoring
import Synchronization
import Testing

/// The webhook and GitHub workflow adapters against a real HTTP server on loopback that answers
/// what each test scripts: retries after 5xx and none after 4xx, the rendered request, secrets
/// sent but never recorded or logged, dry runs that send nothing.
@Suite(.timeLimit(.minutes(2))) struct WebhookAdapterTests {
    /// A receiver answering scripted statuses in turn (then 200) and keeping what it got.
    final class Receiver: Sendable {
        struct Seen: Sendable {
            let path: String
            /// By lower-case name.
            let headers: [String: String]
            let body: String
        }

        let script: Mutex<[Int]>
        let seen = Mutex<[Seen]>([])

        init(_ statuses: [Int]) {
            script = Mutex(statuses)
        }

        func handle(_ request: Request) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            seen.withLock {
                $0.append(Seen(path: request.uri.path, headers: headers, body: String(decoding: body.readableBytesView, as: UTF8.self)))
            }
            let status = script.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: status == 204 ? "" : "{\"ok\":\(status < 300)}")))
        }
    }

    /// Serves `receiver` on a loopback port while `body` runs.
    func serving(_ receiver: Receiver, _ body: (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/**") { request, _ in try await receiver.handle(request) }
        let server = try await LoopbackReceiver.start(router)
        defer { server.stop() }
        try await body(server.port)
    }

    private func webhook(_ port: Int, retries: Int = 3, dryRun: Bool = false) throws -> ActionDefinition {
        try AdapterHarness.definition(
            .webhook, kind: .retrain,
            [
                "url": .text("http://127.0.0.1:\(port)/hooks/{{ $labels.model }}"),
                "headers": .mapping(["X-Drift-Share": .text("{{ $trigger.drift_share }}")]),
                "secret_headers": .mapping(["Authorization": .mapping(["env": .text("HOOK_TOKEN"), "prefix": .text("Bearer ")])]),
                "body": .text(#"{"model":"{{ $labels.model }}","features":"{{ $trigger.drifted_features }}"}"#),
                "signing_secret": .mapping(["env": .text("HOOK_SIGNING")]),
            ], retries: retries, dryRun: dryRun)
    }

    private let secrets = ["HOOK_TOKEN": "tok-9f8e7d6c5b4a", "HOOK_SIGNING": "sign-0a1b2c3d4e"]

    @Test func retriesAfter5xxThenDeliversTheRenderedSignedRequest() async throws {
        let receiver = Receiver([503, 502])
        try await serving(receiver) { port in
            let outcome = await AdapterHarness().run(try webhook(port), environment: secrets)
            #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
            #expect(outcome.attempts.map(\.status) == [503, 502, 200])
            #expect(outcome.attempts.map(\.outcome) == [.refused, .refused, .ok])
            let seen = receiver.seen.withLock { $0 }
            #expect(seen.count == 3)
            let last = try #require(seen.last)
            #expect(last.path == "/hooks/fraud-detector")
            #expect(last.body == #"{"model":"fraud-detector","features":"amount,age"}"#)
            #expect(last.headers["x-drift-share"] == "0.6" && last.headers["authorization"] == "Bearer tok-9f8e7d6c5b4a")
            #expect(WebhookSignature.isValid(last.headers[WebhookSignature.header.lowercased()] ?? "", body: Array(last.body.utf8), secret: Array("sign-0a1b2c3d4e".utf8)))
            // The same idempotency key on every attempt, so the receiver can drop repeats.
            #expect(Set(seen.compactMap { $0.headers["idempotency-key"] }).count == 1)
            for secret in secrets.values { #expect(!outcome.recorded.contains(secret)) }
            #expect(outcome.attempts[0].request.contains("Authorization: [redacted]"))
        }
    }

    @Test func a4xxIsNotRetried() async throws {
        let receiver = Receiver([422])
        try await serving(receiver) { port in
            let outcome = await AdapterHarness().run(try webhook(port), environment: secrets)
            #expect(outcome.attempts.count == 1 && receiver.seen.withLock { $0.count } == 1)
            #expect(outcome.failure?.message.contains("HTTP 422") == true, "\(outcome.failure?.message ?? "")")
        }
    }

    @Test func givesUpAfterTheRetriesAndRecordsEachAttempt() async throws {
        let receiver = Receiver([500, 500, 500])
        try await serving(receiver) { port in
            let outcome = await AdapterHarness().run(try webhook(port, retries: 2), environment: secrets)
            #expect(outcome.attempts.map(\.status) == [500, 500, 500])
            #expect(outcome.failure?.message.contains("after 3 attempts") == true)
        }
    }

    @Test func anAttemptPastTheTimeoutIsCutAndRetried() async throws {
        let latch = Latch()
        let arrivals = Mutex(0)
        let router = Router()
        router.post("/**") { _, _ in
            arrivals.withLock { $0 += 1 }
            await latch.wait()
            return Response(status: .ok)
        }
        let server = try await LoopbackReceiver.start(router)
        defer {
            latch.open()
            server.stop()
        }
        var definition = try webhook(server.port, retries: 1)
        definition.timeout = 0.3
        let outcome = await AdapterHarness().run(definition, environment: secrets)
        #expect(outcome.attempts.map(\.outcome) == [.timeout, .timeout])
        #expect(outcome.attempts.map(\.response) == ["no answer within 0.3 s", "no answer within 0.3 s"])
        #expect(outcome.failure?.message == "call webhook failed after 2 attempts: no answer within 0.3 s", "\(outcome.failure?.message ?? "")")
        #expect(arrivals.withLock { $0 } == 2)
    }

    @Test func aRefusedConnectionIsRetriedAsANetworkError() async throws {
        let port = try RefusingPort()
        // AsyncHTTPClient keeps trying to connect until the attempt's deadline, then reports the
        // connection error: a short timeout keeps the test short.
        var definition = try webhook(port.number, retries: 2)
        definition.timeout = 0.5
        let outcome = await AdapterHarness().run(definition, environment: secrets)
        #expect(outcome.attempts.map(\.outcome) == [.networkError, .networkError, .networkError])
        #expect(outcome.attempts.allSatisfy { $0.status == nil && $0.response.contains("Connection refused") })
        #expect(outcome.failure?.message.contains("after 3 attempts") == true, "\(outcome.failure?.message ?? "")")
        for secret in secrets.values { #expect(!outcome.recorded.contains(secret)) }
    }

    @Test func aDryRunSendsNothingAndLogsTheRequest() async throws {
        let receiver = Receiver([])
        try await serving(receiver) { port in
            let harness = AdapterHarness()
            let outcome = await harness.run(try webhook(port, dryRun: true), environment: secrets)
            #expect(outcome.failure == nil && receiver.seen.withLock { $0.isEmpty })
            #expect(outcome.attempts.map(\.outcome) == [.notSent])
            #expect(outcome.attempts[0].request.contains("POST http://127.0.0.1:\(port)/hooks/fraud-detector"))
            #expect(harness.logs.lines.contains { $0.contains("dry run") && $0.contains("/hooks/fraud-detector") })
            for secret in secrets.values { #expect(!outcome.recorded.contains(secret)) }
        }
    }

    @Test func aMissingSecretFailsNamingItsSource() async throws {
        let receiver = Receiver([])
        try await serving(receiver) { port in
            let outcome = await AdapterHarness().run(try webhook(port), environment: [:])
            #expect(outcome.failure?.message == "with.secret_headers.Authorization: the environment variable HOOK_TOKEN is not set")
            #expect(receiver.seen.withLock { $0.isEmpty })
        }
    }

    @Test func dispatchesAGitHubWorkflowWithTheAlertsInputs() async throws {
        let receiver = Receiver([204])
        try await serving(receiver) { port in
            let definition = try AdapterHarness.definition(
                .githubWorkflow, kind: .retrain,
                [
                    "repository": .text("acme/fraud-model"), "workflow": .text("retrain.yml"), "api_url": .text("http://127.0.0.1:\(port)"),
                    "token": .mapping(["env": .text("GH_TOKEN")]),
                ])
            let outcome = await AdapterHarness().run(definition, environment: ["GH_TOKEN": "ghp-secret-123456"])
            #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
            let seen = try #require(receiver.seen.withLock { $0 }.first)
            #expect(seen.path == "/repos/acme/fraud-model/actions/workflows/retrain.yml/dispatches")
            #expect(seen.headers["authorization"] == "Bearer ghp-secret-123456" && seen.headers["x-github-api-version"] == "2022-11-28")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(seen.body.utf8)) as? [String: Any])
            #expect(body["ref"] as? String == "main")
            #expect(body["inputs"] as? [String: String] == [
                "model": "fraud-detector", "rule": "DriftHigh", "value": "0.6", "drift_share": "0.6", "window_end": "2026-11-21T16:50:00.000Z",
            ])
            #expect(!outcome.recorded.contains("ghp-secret-123456"))
        }
    }
}
