import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct MetricsRouteTests {
    @Test func countersFollowIngestInBothFormats() async throws {
        try await ServerHarness.run { client, _ in
            try await client.registerModel()
            for _ in 0..<2 {
                _ = try await client.send(
                    .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: IngestRouteTests.mixedBatch)
            }
            _ = try await client.send(.post, "/v1/models/fraud/labels", contentType: "application/x-ndjson", body: #"{"id":"p1","label":1}"#)
            _ = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/json", body: "[{")

            let text = try await client.send(.get, "/metrics")
            #expect(text.status == .ok)
            #expect(text.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(text.text.split(separator: "\n").map(String.init))
            // Re-sent events are duplicates, not new ingests: 3, not 6.
            #expect(lines.contains(#"driftwatch_predictions_ingested_total{model="fraud"} 3"#), "\(text.text)")
            #expect(lines.contains(#"driftwatch_labels_ingested_total{model="fraud"} 1"#))
            #expect(lines.contains(#"driftwatch_ingest_rejected_total{model="fraud",reason="invalid_event"} 6"#))
            #expect(lines.contains(#"driftwatch_ingest_rejected_total{model="fraud",reason="malformed_batch"} 1"#))
            #expect(lines.contains("# TYPE driftwatch_predictions_ingested_total counter"))

            let open = try await client.send(.get, "/metrics", accept: "application/openmetrics-text; version=1.0.0; charset=utf-8")
            #expect(open.headers[.contentType]?.hasPrefix("application/openmetrics-text") == true)
            let openLines = open.text.split(separator: "\n").map(String.init)
            #expect(openLines.contains("# TYPE driftwatch_predictions_ingested counter"), "\(open.text)")
            #expect(openLines.contains(#"driftwatch_predictions_ingested_total{model="fraud"} 3"#))
            #expect(openLines.last == "# EOF")
        }
    }
}
