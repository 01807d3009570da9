import Foundation
import HTTPTypes
import HummingbirdTesting
import Monitoring
import Storage
import Testing

@Suite struct BaselineFromWindowRouteTests {
    static let start = 1_795_000_000.0

    /// Event `index` at `start + 10 * index` seconds, for the harness schema.
    static func line(_ index: Int) -> String {
        let amount = Double((index * 37) % 101) * 1.25
        let country = ["DE", "FR", "US", "IT"][index % 4]
        let amountText = index % 9 == 0 ? "null" : "\(amount)"
        return #"{"id":"e\#(index)","timestamp":\#(start + Double(index) * 10),"features":{"amount":\#(amountText),"country":"\#(country)","is_new":\#(index % 3 == 0)},"prediction":\#(Double(index % 20) / 20)}"#
    }

    static func ndjson(_ range: Range<Int>) -> String {
        range.map(line).joined(separator: "\n")
    }

    @Test func aFrozenRangeEqualsTheSameEventsUploaded() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            // Sent out of event-time order over several batches; the range is [e100, e1600).
            for range in [1000..<1800, 0..<1000] {
                let response = try await client.send(
                    .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.ndjson(range))
                #expect(response.status == .ok, "\(response.text)")
            }
            let from = Self.start + 1000
            let frozen = try await client.send(
                .post, "/v1/models/fraud/baselines/frozen/from-window", contentType: "application/json",
                body: #"{"from":\#(from),"to":"2026-11-18T15:33:20Z"}"#)
            #expect(frozen.status == .ok, "\(frozen.text)")
            #expect(try frozen.json()["rows"] as? Int == 1500)
            #expect(try frozen.json()["active"] as? Bool == true)
            #expect(try frozen.json()["from"] as? Double == from)
            #expect(try frozen.json()["to"] as? Double == Self.start + 16_000)
            let stored = try #require(try await store.activeBaseline(model: "fraud"))
            #expect(stored.summary.name == "frozen")

            let upload = try await client.send(
                .put, "/v1/models/fraud/baselines/frozen", contentType: "application/x-ndjson", body: Self.ndjson(100..<1600))
            #expect(upload.status == .ok, "\(upload.text)")
            let uploaded = try #require(try await store.baseline(model: "fraud", name: "frozen"))
            #expect(uploaded.profile == stored.profile)

            // Not activated when asked not to; the active baseline stays.
            let quiet = try await client.send(
                .post, "/v1/models/fraud/baselines/early/from-window", body: #"{"from":\#(Self.start),"to":\#(Self.start + 500),"activate":false}"#)
            #expect(quiet.status == .ok, "\(quiet.text)")
            #expect(try quiet.json()["rows"] as? Int == 50)
            #expect(try quiet.json()["active"] as? Bool == false)
            #expect(try await store.activeBaseline(model: "fraud")?.summary.name == "frozen")
            #expect(try await store.baseline(model: "fraud", name: "early")?.summary.rowCount == 50)
        }
    }

    @Test func errorsSayWhatIsWrong() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let unknown = try await client.send(
                .post, "/v1/models/nope/baselines/b/from-window", contentType: "application/json", body: #"{"from":1,"to":2}"#)
            #expect(unknown.status == .notFound)
            let backwards = try await client.send(.post, "/v1/models/fraud/baselines/b/from-window", body: #"{"from":2,"to":1}"#)
            #expect(backwards.status == .badRequest)
            #expect(try backwards.errorMessage() == "from must be before to: the range [from, to) is empty")
            let noWindow = try await client.send(.post, "/v1/models/fraud/baselines/b/from-window", body: #"{"window":"latest"}"#)
            #expect(noWindow.status == .badRequest)
            #expect(try noWindow.errorMessage() == #"model 'fraud' has no closed window yet; give "from" and "to" instead"#)
            let wrongType = try await client.send(
                .post, "/v1/models/fraud/baselines/b/from-window", contentType: "text/csv", body: #"{"from":1,"to":2}"#)
            #expect(wrongType.status == .unsupportedMediaType)

            let ingest = try await client.send(
                .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.ndjson(0..<30))
            #expect(ingest.status == .ok)
            let range = #"{"from":\#(Self.start),"to":\#(Self.start + 300)}"#
            let before = try await client.send(.post, "/v1/models/fraud/baselines/b/from-window", body: range)
            #expect(before.status == .ok, "\(before.text)")
            // A later event outside the range: retention always keeps the newest batch.
            let later = try await client.send(
                .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.ndjson(1000..<1001))
            #expect(later.status == .ok)
            // Retention removes the raw events (the pipeline has applied them): the range is now empty.
            let pruned = try await store.prune(olderThan: Date().timeIntervalSince1970 + 60)
            #expect(pruned.predictions == 30)
            let after = try await client.send(.post, "/v1/models/fraud/baselines/c/from-window", body: range)
            #expect(after.status == .badRequest)
            #expect(
                try after.errorMessage()
                    == "no stored predictions in [2026-11-18T11:06:40.000Z, 2026-11-18T11:11:40.000Z); raw events are kept for 1w after they are received")
            #expect(try await store.baseline(model: "fraud", name: "c") == nil)
        }
    }

    /// `{"window":"latest"}` freezes the latest closed window's span: the rows that window counted.
    @Test func theLatestWindowForm() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let reference = try await client.send(
                .put, "/v1/models/fraud/baselines/reference", contentType: "application/x-ndjson", body: Self.ndjson(0..<400))
            #expect(reference.status == .ok)
            // 1 h windows; 10 s apart, 1000 events span about 2.8 h, so at least one window closes.
            let ingest = try await client.send(
                .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.ndjson(0..<1000))
            #expect(ingest.status == .ok)
            try await client.settle()
            let window = try #require(try await store.latestClosedWindow(model: "fraud"))
            let frozen = try await client.send(.post, "/v1/models/fraud/baselines/last-hour/from-window", body: #"{"window":"latest"}"#)
            #expect(frozen.status == .ok, "\(frozen.text)")
            #expect(try frozen.json()["rows"] as? Int == window.report.rows)
            #expect(try frozen.json()["from"] as? Double == window.start)
            #expect(try frozen.json()["to"] as? Double == window.end)
            #expect(window.report.rows == 360)
        }
    }
}
