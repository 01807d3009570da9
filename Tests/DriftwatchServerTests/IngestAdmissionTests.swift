import DriftwatchServer
import HTTPTypes
import Synchronization
import HTTPTypes
import HummingbirdTesting
import Testing

/// Holds the first admitted batch until the test opens it; later batches pass straight through.
private final class Gate: Sendable {
    private let calls = Mutex(0)
    private let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
    private let (released, releaseContinuation) = AsyncStream<Void>.makeStream()

    @Sendable func admitted() async {
        let call = calls.withLock { count in
            count += 1
            return count
        }
        guard call == 1 else { return }
        enteredContinuation.yield()
        for await _ in released { break }
    }

    /// Returns once the first batch is inside its slot.
    func waitUntilHeld() async {
        for await _ in entered { break }
    }

    func open() { releaseContinuation.yield() }
}

@Suite struct IngestAdmissionTests {
    static func batch(_ prefix: String, count: Int) -> String {
        (0..<count).map { #"{"id":"\#(prefix)\#($0)","features":{"amount":\#($0)},"prediction":0.5}"# }.joined(separator: "\n")
    }

    @Test func batchBeyondTheBoundGets503AndStoresNothing() async throws {
        let gate = Gate()
        try await ConfiguredServer.run(configure: { $0.ingestQueueLimit = 1 }, ingestAdmitted: gate.admitted) { client, _ in
            try await client.registerModel()
            async let held = client.send(
                .post, "/v1/models/fraud/predictions", token: nil, contentType: "application/x-ndjson", body: Self.batch("a", count: 3))
            await gate.waitUntilHeld()

            let refused = try await client.send(
                .post, "/v1/models/fraud/predictions", token: nil, contentType: "application/x-ndjson", body: Self.batch("b", count: 5))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(try refused.errorMessage() == "overloaded: 1 ingest batches already in flight; retry after 1 s")
            let labels = try await client.send(
                .post, "/v1/models/fraud/labels", token: nil, contentType: "application/x-ndjson", body: #"{"id":"a0","label":1}"#)
            #expect(labels.status == .serviceUnavailable)
            let unknown = try await client.send(
                .post, "/v1/models/no-such-\(Int.random(in: 0..<1000))/predictions", token: nil, contentType: "application/x-ndjson",
                body: Self.batch("c", count: 1))
            #expect(unknown.status == .serviceUnavailable)
            // Reads are not ingest: they are answered while the slot is taken.
            #expect(try await client.send(.get, "/v1/models/fraud", token: nil).status == .ok)

            gate.open()
            let first = try await held
            #expect(first.status == .ok)
            #expect(first.text == #"{"accepted":3,"duplicates":0,"rejected":[]}"#)
            // The refused batch left nothing behind: re-sent, all of it is new.
            let retried = try await client.send(
                .post, "/v1/models/fraud/predictions", token: nil, contentType: "application/x-ndjson", body: Self.batch("b", count: 5))
            #expect(retried.text == #"{"accepted":5,"duplicates":0,"rejected":[]}"#)

            let metrics = try await client.send(.get, "/metrics").text
            #expect(metrics.contains(#"driftwatch_ingest_rejected_total{model="fraud",reason="overloaded"} 2"#), "\(metrics)")
            #expect(metrics.contains(#"driftwatch_predictions_ingested_total{model="fraud"} 8"#))
            // A path's unregistered model name is not a label value.
            #expect(metrics.contains(#"driftwatch_ingest_rejected_total{model="",reason="overloaded"} 1"#), "\(metrics)")
            #expect(!metrics.contains("no-such-"))
        }
    }
}
