import DriftwatchTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The server's whole `/metrics` answer — every family a running server has: ingest counters,
/// drift, data quality, outliers, performance, metric samples and the request histogram — read by
/// the real parsers, with feature names that need escaping as label values.
@Suite struct MetricsExpositionTests {
    /// Feature names with a quote, a backslash, a newline and a non-ASCII letter.
    static let featureNames = ["amount \"usd\"", #"path\dir"#, "line\nbreak", "país"]
    static let start = 1_767_225_600.0

    static var schema: String {
        let features = zip(featureNames, ["numeric", "categorical", "boolean", "numeric"]).map { name, type in
            #"{"name":\#(jsonString(name)),"type":"\#(type)"}"#
        }
        return #"{"features":[\#(features.joined(separator: ","))],"prediction":{"type":"score"},"label":{"type":"binary"},"window":"1h"}"#
    }

    static func jsonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func event(_ id: String, time: Double, index: Int, shift: Double) -> String {
        let values = [
            "\(100 + shift + Double(index % 37))", jsonString(["a", "b", "c"][index % 3]), index % 4 == 0 ? "true" : "false",
            "\(Double(index % 11) * 1.5 + shift)",
        ]
        let features = zip(featureNames, values).map { "\(jsonString($0)):\($1)" }.joined(separator: ",")
        return #"{"id":"\#(id)","timestamp":\#(time),"features":{\#(features)},"prediction":\#(Double(index % 20) / 20)}"#
    }

    @Test func aRunningServersExpositionPassesPromtoolAndTheStrictOpenMetricsParser() async throws {
        try await ServerHarness.run { client, _ in
            let registered = try await client.send(.put, "/v1/models/esc", contentType: "application/json", body: Self.schema)
            #expect(registered.status == .created, "\(registered.text)")
            let baseline = (0..<300).map { Self.event("b\($0)", time: Self.start - 7200, index: $0, shift: 0) }
            let uploaded = try await client.send(
                .put, "/v1/models/esc/baselines/ref", contentType: "application/x-ndjson", body: baseline.joined(separator: "\n"))
            #expect(uploaded.status == .ok, "\(uploaded.text)")
            // Hour 0 drifts in the numeric features; one event of hour 1 closes it.
            let hour = (0..<200).map { Self.event("e\($0)", time: Self.start + Double($0) * 10, index: $0, shift: 40) }
                + [Self.event("closing", time: Self.start + 3600, index: 0, shift: 0)]
            let ingested = try await client.send(
                .post, "/v1/models/esc/predictions", contentType: "application/x-ndjson", body: hour.joined(separator: "\n"))
            #expect(try ingested.json()["accepted"] as? Int == 201)
            let labels = (0..<200).map { #"{"id":"e\#($0)","label":\#($0 % 3 == 0 ? 1 : 0),"timestamp":\#(Self.start + 4000)}"# }
            _ = try await client.send(.post, "/v1/models/esc/labels", contentType: "application/x-ndjson", body: labels.joined(separator: "\n"))
            _ = try await client.send(
                .post, "/v1/metrics", contentType: "application/x-ndjson",
                body: #"{"name":"endpoint_latency_ms","labels":{"endpoint":"esc"},"timestamp":\#(Self.start),"value":12.5}"#)
            _ = try await client.send(.get, "/no/such/path")

            // Performance is computed after the label answer; wait for it to be exported.
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                text = try await client.send(.get, "/metrics").text
                if text.contains("driftwatch_model_performance{") { break }
                await Task.yield()
            }
            for family in [
                "driftwatch_feature_drift_score", "driftwatch_feature_missing_ratio", "driftwatch_outlier_ratio",
                "driftwatch_model_performance", "driftwatch_prediction_drift_score", "driftwatch_http_request_duration_seconds",
                "driftwatch_metric_samples_ingested_total", "driftwatch_window_rows",
            ] {
                #expect(text.contains("\n\(family)"), "\(family) missing from\n\(text)")
            }

            let promtool = try ExpositionParsers.checkWithPromtool(text)
            #expect(promtool.status == 0, "promtool check metrics: \(promtool.output)\n\(text)")

            let (textRun, textSamples) = try ExpositionParsers.parseWithPython(text, openMetrics: false)
            #expect(textRun.status == 0, "\(textRun.output)")
            let open = try await client.send(.get, "/metrics", accept: "application/openmetrics-text; version=1.0.0").text
            let (openRun, openSamples) = try ExpositionParsers.parseWithPython(open, openMetrics: true)
            #expect(openRun.status == 0, "strict OpenMetrics parser: \(openRun.output)\n\(open)")

            // The escaped names come back exactly, in every per-feature family.
            let driftFeatures = Set(textSamples.filter { $0.name == "driftwatch_feature_drift_score" }.compactMap { $0.labels["feature"] })
            #expect(driftFeatures == Set(Self.featureNames))
            let openFeatures = Set(openSamples.filter { $0.name == "driftwatch_feature_drift_score" }.compactMap { $0.labels["feature"] })
            #expect(openFeatures == Set(Self.featureNames))

            for (format, samples) in [("text", textSamples), ("OpenMetrics", openSamples)] {
                Self.checkStructure(samples, format: format)
            }
            // Both formats carry the same samples with the same value bits (the request that
            // fetched the text form is counted in the OpenMetrics one, so HTTP series are left out).
            func keyed(_ samples: [ExpositionParsers.ParsedSample]) -> [String: String] {
                Dictionary(
                    samples.filter { !$0.name.hasPrefix("driftwatch_http_request_duration_seconds") }.map {
                        ("\($0.name)\($0.labels.sorted { $0.key < $1.key })", $0.bits)
                    }, uniquingKeysWith: { first, _ in first })
            }
            #expect(keyed(textSamples) == keyed(openSamples))
        }
    }

    /// What promtool does not check: no series twice, each family's samples together, and in
    /// every histogram the `+Inf` bucket equal to `_count` with cumulative buckets.
    static func checkStructure(_ samples: [ExpositionParsers.ParsedSample], format: String) {
        var seen = Set<String>()
        var finishedFamilies = Set<String>()
        var current: String?
        for sample in samples {
            let key = "\(sample.name)\(sample.labels.sorted { $0.key < $1.key })"
            #expect(seen.insert(key).inserted, "\(format): duplicate series \(key)")
            if sample.family != current {
                if let current { finishedFamilies.insert(current) }
                #expect(!finishedFamilies.contains(sample.family), "\(format): family \(sample.family) is interleaved")
                current = sample.family
            }
        }
        let histogram = samples.filter { $0.family == "driftwatch_http_request_duration_seconds" }
        #expect(!histogram.isEmpty, "\(format): no request histogram")
        var series: [String: (buckets: [(Double, Double)], count: Double?)] = [:]
        for sample in histogram {
            let value = Double(bitPattern: UInt64(sample.bits) ?? 0)
            var labels = sample.labels
            let bound = labels.removeValue(forKey: "le")
            let key = "\(labels.sorted { $0.key < $1.key })"
            if sample.name.hasSuffix("_bucket"), let bound {
                series[key, default: ([], nil)].buckets.append((bound == "+Inf" ? .infinity : Double(bound) ?? .nan, value))
            } else if sample.name.hasSuffix("_count") {
                series[key, default: ([], nil)].count = value
            }
        }
        for (key, entry) in series {
            let buckets = entry.buckets.sorted { $0.0 < $1.0 }
            #expect(buckets.last?.0 == .infinity && buckets.last?.1 == entry.count, "\(format): \(key) +Inf bucket is not _count")
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "\(format): \(key) buckets not cumulative")
        }
    }
}
