@testable import DriftwatchServer
import Monitoring
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct HTTPRequestMetricsTests {
    @Test func bucketsAreCumulativeAndInfEqualsCount() throws {
        let metrics = HTTPRequestMetrics(upperBounds: [0.01, 0.1, 1])
        for seconds in [0.004, 0.01, 0.05, 0.5, 3, -1] { metrics.observe(route: "/healthz", status: 200, seconds: seconds) }
        metrics.observe(route: "/healthz", status: 503, seconds: 0.2)
        var set = MetricSet()
        try metrics.add(to: &set)
        let family = try #require(set.family(named: "driftwatch_http_request_duration_seconds"))
        #expect(family.series.count == 2)
        let ok = try #require(family.series.first { $0.labels == ["route": "/healthz", "status": "200"] })
        guard case let .histogram(histogram) = ok.value else {
            Issue.record("not a histogram: \(ok.value)")
            return
        }
        // -1 (a clock step) counts as 0; 0.01 sits in its own bucket (le is inclusive).
        #expect(histogram.buckets.map(\.upperBound) == [0.01, 0.1, 1, .infinity])
        #expect(histogram.buckets.map(\.cumulativeCount) == [3, 4, 5, 6])
        #expect(histogram.buckets.last?.cumulativeCount == histogram.count)
        #expect(abs(histogram.sum - (0.004 + 0.01 + 0.05 + 0.5 + 3)) < 1e-12)
    }

    @Test func requestsLandInTheirRouteTemplateSeries() async throws {
        try await ConfiguredServer.run { client, _ async throws in
            try await client.registerModel()
            _ = try await client.send(.get, "/v1/models/fraud")
            _ = try await client.send(.get, "/v1/models/fraud")
            _ = try await client.send(.get, "/v1/models/nope")
            _ = try await client.send(.get, "/random/\(Int.random(in: 0..<1_000_000))")
            _ = try await client.send(.delete, "/v1/models/fraud")
            let text = try await client.send(.get, "/metrics").text
            let name = "driftwatch_http_request_duration_seconds"
            #expect(text.contains(#"\#(name)_count{route="/v1/models/{model}",status="200"} 2"#), "\(text)")
            #expect(text.contains(#"\#(name)_bucket{route="/v1/models/{model}",status="200",le="+Inf"} 2"#))
            #expect(text.contains(#"\#(name)_count{route="/v1/models/{model}",status="201"} 1"#))
            #expect(text.contains(#"\#(name)_count{route="/v1/models/{model}",status="404"} 1"#))
            #expect(text.contains(#"\#(name)_count{route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"\#(name)_count{route="/v1/models/{model}",status="405"} 1"#))
            #expect(!text.contains("/random/"))
            #expect(!text.contains(#"route="/v1/models/fraud""#))
        }
    }
}
