import Foundation
import HTTPTypes
import HummingbirdTesting
import Monitoring
import Storage
import Testing

@Suite struct MetricsIngestRouteTests {
    static let text = """
        # HELP endpoint_latency_ms Latency.
        # TYPE endpoint_latency_ms gauge
        endpoint_latency_ms{endpoint="fraud"} 12.5 1795255200000
        endpoint_latency_ms{endpoint="churn"} NaN 1795255200000
        endpoint_latency_ms{endpoint="bad} 1
        up 1

        """

    @Test func ndjsonAndTextPushesAreStoredWithRejectionsListed() async throws {
        try await ServerHarness.run { client, store in
            let ndjson = [
                #"{"name":"endpoint_latency_ms","labels":{"endpoint":"fraud"},"timestamp":1795255260,"value":13}"#,
                #"{"name":"endpoint_latency_ms","value":"fast"}"#,
                #"{"name":"queue_depth","labels":{"queue":"scoring"},"timestamp":"2026-11-21T10:00:00Z","value":4}"#,
            ].joined(separator: "\n")
            let first = try await client.send(.post, "/v1/metrics", contentType: "application/x-ndjson", body: ndjson)
            #expect(first.status == .ok, "\(first.text)")
            let firstBody = try first.json()
            #expect(firstBody["accepted"] as? Int == 2)
            let rejected = try #require(firstBody["rejected"] as? [[String: Any]])
            #expect(rejected.first?["line"] as? Int == 2)
            #expect(rejected.first?["error"] as? String == "value: expected number, got string")

            let before = Date().timeIntervalSince1970
            let push = try await client.send(.post, "/v1/metrics", contentType: "text/plain; version=0.0.4", body: Self.text)
            let after = Date().timeIntervalSince1970
            #expect(push.status == .ok, "\(push.text)")
            let pushBody = try push.json()
            #expect(pushBody["accepted"] as? Int == 3)
            let pushRejected = try #require(pushBody["rejected"] as? [[String: Any]])
            #expect(pushRejected.map { $0["line"] as? Int } == [5])

            #expect(
                try await store.metricSamples(name: "endpoint_latency_ms", labels: ["endpoint": "fraud"], timestamps: 0..<1e12) == [
                    MetricPoint(timestamp: 1_795_255_200, value: 12.5), MetricPoint(timestamp: 1_795_255_260, value: 13),
                ])
            #expect(
                try await store.metricSamples(name: "endpoint_latency_ms", labels: ["endpoint": "churn"], timestamps: 0..<1e12)
                    == [MetricPoint(timestamp: 1_795_255_200, value: .nan)])
            // No timestamp: the receipt time.
            let up = try await store.metricSamples(name: "up", labels: [:], timestamps: 0..<1e12)
            #expect(up.count == 1)
            #expect(up.allSatisfy { $0.timestamp >= before.rounded(.down) && $0.timestamp <= after })

            // The same push again replaces its timestamped samples instead of adding copies.
            let again = try await client.send(.post, "/v1/metrics", contentType: "text/plain", body: Self.text)
            #expect(try again.json()["accepted"] as? Int == 3)
            #expect(try await store.metricSamples(name: "endpoint_latency_ms", labels: ["endpoint": "fraud"], timestamps: 0..<1e12).count == 2)

            let series = try await client.send(.get, "/v1/metrics/series")
            #expect(series.status == .ok)
            let entries = try #require(try series.json()["series"] as? [[String: Any]])
            #expect(entries.map { $0["name"] as? String } == ["endpoint_latency_ms", "endpoint_latency_ms", "queue_depth", "up"])
            #expect(entries[1]["labels"] as? [String: String] == ["endpoint": "fraud"])
            #expect(entries[1]["samples"] as? Int == 2)
            #expect(entries[1]["first_timestamp"] as? Double == 1_795_255_200)
            #expect(entries[1]["last_timestamp"] as? Double == 1_795_255_260)
            let filtered = try await client.send(.get, "/v1/metrics/series?name=queue_depth")
            #expect((try filtered.json()["series"] as? [[String: Any]])?.count == 1)

            let metrics = try await client.send(.get, "/metrics")
            let lines = metrics.text.split(separator: "\n").map(String.init)
            #expect(lines.contains("driftwatch_metric_samples_ingested_total 8"), "\(metrics.text)")
            #expect(lines.contains(#"driftwatch_metric_samples_rejected_total{reason="invalid_event"} 3"#))
        }
    }

    @Test func framingContentTypeAndSizeErrors() async throws {
        try await ServerHarness.run(maxBodyBytes: 256) { client, _ in
            let broken = try await client.send(.post, "/v1/metrics", contentType: "application/json", body: #"[{"name":"up","value":1},"#)
            #expect(broken.status == .badRequest)
            #expect(try broken.errorMessage()?.hasPrefix("malformed JSON array") == true)
            for type in ["application/openmetrics-text; version=1.0.0", "text/plain; version=1.0.0", "text/csv"] {
                let refused = try await client.send(.post, "/v1/metrics", contentType: type, body: "up 1\n")
                #expect(refused.status == .unsupportedMediaType, "\(type)")
            }
            let missing = try await client.send(.post, "/v1/metrics", body: "up 1\n")
            #expect(missing.status == .unsupportedMediaType)
            let large = try await client.send(
                .post, "/v1/metrics", contentType: "text/plain", body: String(repeating: "up 1\n", count: 100))
            #expect(large.status == .contentTooLarge)

            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains(#"driftwatch_metric_samples_rejected_total{reason="malformed_batch"} 1"#), "\(metrics.text)")
            #expect(metrics.text.contains("driftwatch_metric_samples_ingested_total 0"))
        }
    }
}
