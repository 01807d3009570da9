import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Monitoring
import Storage
import Testing

/// Ingest → windows → drift over the HTTP API, with a real SQLite file reopened by a second
/// application (a restart in the middle of a window).
@Suite struct WindowPipelineTests {
    static let schema = #"""
        {"features":[{"name":"amount","type":"numeric"},{"name":"age","type":"numeric"},{"name":"country","type":"categorical"}],
         "prediction":{"type":"score"},"window":"1h"}
        """#
    /// An hour boundary: window index 500 000 of a 1 h window.
    static let start = 1_800_000_000.0
    static let firstIndex: Int64 = 500_000
    static let perHour = 200

    /// A deterministic event of hour `hour` (0, 1, 2, ...); from hour 1 on `amount` is shifted by
    /// three standard deviations, the other features keep the baseline's distribution.
    static func event(_ id: String, hour: Int, index: Int, timestamp: Double? = nil) -> PredictionEvent {
        var generator = Generator(seed: UInt64((hour + 1) * 100_000 + index + 1))
        let amount = generator.normal() + (hour >= 1 ? 3 : 0)
        let age = 40 + 10 * generator.normal()
        let country = ["DE", "FR", "US", "IT"][Int(generator.next() % 4)]
        return PredictionEvent(
            id: id, timestamp: timestamp ?? start + Double(hour) * 3600 + Double(index) * 17,
            features: ["amount": .number(amount), "age": .number(age), "country": .string(country)],
            prediction: .number(generator.unit()))
    }

    static func hour(_ hour: Int, _ range: Range<Int>) -> [PredictionEvent] {
        range.map { event("h\(hour)-\($0)", hour: hour, index: $0) }
    }

    static func ndjson(_ events: [PredictionEvent]) -> String {
        events.map { event in
            var features: [String] = []
            for name in ["amount", "age", "country"] {
                switch event.features[name] {
                case .number(let value): features.append("\"\(name)\":\(value)")
                case .string(let text): features.append("\"\(name)\":\"\(text)\"")
                default: break
                }
            }
            guard case .number(let score) = event.prediction, let timestamp = event.timestamp else { return "" }
            return #"{"id":"\#(event.id)","timestamp":\#(timestamp),"features":{\#(features.joined(separator: ","))},"prediction":\#(score)}"#
        }.joined(separator: "\n")
    }

    @Test func windowsCloseDriftIsReportedAndRestartResumes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("dw.sqlite").path)

        try await Self.withApplication(configuration) { client, store in
            let registered = try await client.send(.put, "/v1/models/m", contentType: "application/json", body: Self.schema)
            #expect(registered.status == .created)
            let baseline = (0..<300).map { Self.event("b\($0)", hour: -1, index: $0) }
            let uploaded = try await client.send(
                .put, "/v1/models/m/baselines/ref", contentType: "application/x-ndjson", body: Self.ndjson(baseline))
            #expect(uploaded.status == .ok, "\(uploaded.text)")

            for events in [Self.hour(0, 0..<Self.perHour), Self.hour(1, 0..<Self.perHour), Self.hour(2, 0..<100)] {
                let response = try await client.ingest(events)
                #expect(try response.json()["accepted"] as? Int == events.count, "\(response.text)")
            }

            // The watermark passed the ends of hours 0 and 1: two windows closed, the third is open.
            let listed = try await client.send(.get, "/v1/models/m/windows?from=\(Self.start)&to=2028-01-01T00:00:00Z")
            #expect(listed.status == .ok, "\(listed.text)")
            let windows = try #require(try listed.json()["windows"] as? [[String: Any]])
            #expect(windows.map { $0["index"] as? Int } == [500_000, 500_001])
            #expect(windows.map { $0["rows"] as? Int } == [Self.perHour, Self.perHour])
            #expect(windows.map { $0["start"] as? Double } == [Self.start, Self.start + 3600])
            #expect(windows.first?["drift_share"] as? Double == 0)
            #expect(windows.last?["drifted_features"] as? [String] == ["amount"])

            // The second window: exactly the shifted feature drifted, with the statistic of
            // `evaluate` on a profile built directly from the same events.
            let drift = try await client.send(.get, "/v1/models/m/drift?at=\(Self.start + 3600 + 5)")
            #expect(drift.status == .ok, "\(drift.text)")
            let body = try drift.json()
            #expect((body["window"] as? [String: Any])?["index"] as? Int == 500_001)
            let features = try #require(body["features"] as? [[String: Any]])
            #expect(features.filter { $0["drifted"] as? Bool == true }.map { $0["name"] as? String } == ["amount"])
            let amount = try #require(features.first { $0["name"] as? String == "amount" })
            #expect(amount["method"] as? String == "ks")

            let active = try #require(try await store.activeBaseline(model: "m")).profile
            var direct = try WindowProfile(baseline: active, windowIndex: Self.firstIndex + 1)
            for event in Self.hour(1, 0..<Self.perHour) { direct.add(event) }
            let expected = try evaluate(window: direct, against: active, detectors: DetectorPlan.builtIn.detectors)
            let statistic = try #require(expected.feature(named: "amount")?.outcome.result?.statistic)
            #expect(amount["statistic"] as? Double == statistic)
            // Foundation's JSONSerialization on Linux may misround the last digit of a long
            // mantissa; the stored report below is compared exactly.
            let pValue = try #require(expected.feature(named: "amount")?.outcome.result?.pValue)
            let served = try #require(amount["p_value"] as? Double)
            #expect(abs(served - pValue) <= 1e-14 * pValue)
            let stored = try await store.closedWindows(model: "m", from: Self.start + 3600, to: Self.start + 3601)
            #expect(stored.first?.report == expected)

            let described = try await client.send(.get, "/v1/models/m")
            #expect((try described.json()["latest_window"] as? [String: Any])?["index"] as? Int == 500_001)
            let latest = try await client.send(.get, "/v1/models/m/drift")
            #expect((try latest.json()["window"] as? [String: Any])?["index"] as? Int == 500_001)
            let none = try await client.send(.get, "/v1/models/m/drift?at=\(Self.start + 3 * 3600)")
            #expect(none.status == .notFound)

            // A re-sent batch is all duplicates and changes no window.
            let resent = try await client.ingest(Self.hour(2, 0..<100))
            #expect(try resent.json()["duplicates"] as? Int == 100)

            // A late event (its window closed) is stored and counted, not profiled.
            let late = try await client.ingest([Self.event("late-1", hour: 0, index: 3)])
            #expect(try late.json()["accepted"] as? Int == 1)
            let after = try await client.send(.get, "/v1/models/m/windows")
            #expect((try after.json()["windows"] as? [[String: Any]])?.map { $0["rows"] as? Int } == [Self.perHour, Self.perHour])

            let metrics = try await client.send(.get, "/metrics")
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"driftwatch_feature_drift_detected{model="m",detector="feature-drift",feature="amount",method="ks"} 1"#), "\(metrics.text)")
            #expect(lines.contains(#"driftwatch_feature_drift_detected{model="m",detector="feature-drift",feature="age",method="ks"} 0"#))
            #expect(lines.contains(#"driftwatch_window_rows{model="m"} 200"#))
            #expect(lines.contains(#"driftwatch_window_end_timestamp_seconds{model="m"} 1.8000072e+09"#))
            #expect(lines.contains(#"driftwatch_late_events_total{model="m"} 1"#))
            #expect(lines.contains { $0.hasPrefix(#"driftwatch_dataset_drift_share{model="m",detector="feature-drift"} 0.333"#) })
            #expect(lines.contains(#"driftwatch_feature_missing_ratio{model="m",feature="amount"} 0"#))
        }

        // Restart in the middle of hour 2: the open window resumes from the store. Events stored
        // but not yet profiled (a crash between a batch's commit and its window save) are replayed.
        try await Self.withApplication(configuration) { client, store in
            let committed = try await store.insertPredictions(model: "m", events: Self.hour(2, 100..<150), receivedAt: Self.start)
            #expect(committed.inserted == 50)
            _ = try await client.ingest(Self.hour(2, 150..<Self.perHour))
            _ = try await client.ingest([Self.event("h3-0", hour: 3, index: 0)])
            let listed = try await client.send(.get, "/v1/models/m/windows")
            let windows = try #require(try listed.json()["windows"] as? [[String: Any]])
            #expect(windows.map { $0["index"] as? Int } == [500_000, 500_001, 500_002])
            #expect(windows.last?["rows"] as? Int == Self.perHour)
            #expect(windows.last?["drifted_features"] as? [String] == ["amount"])
        }
    }

    @Test func allowedLatenessKeepsWindowsOpenAndANewBaselineAppliesToNewWindows() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("dw.sqlite").path,
            allowedLateness: 1800)
        try await Self.withApplication(configuration) { client, _ in
            _ = try await client.send(.put, "/v1/models/m", contentType: "application/json", body: Self.schema)
            let baseline = (0..<300).map { Self.event("b\($0)", hour: -1, index: $0) }
            _ = try await client.send(.put, "/v1/models/m/baselines/ref", contentType: "application/x-ndjson", body: Self.ndjson(baseline))
            _ = try await client.ingest(Self.hour(0, 0..<Self.perHour) + Self.hour(1, 0..<50))
            // Hour 1 began 50·17 s ago, within the 30 min lateness: window 0 is still open.
            _ = try await client.ingest([Self.event("straggler", hour: 0, index: 7)])
            // A second baseline, whose amounts are the shifted ones, judges the windows opened after it.
            let shifted = (0..<300).map { Self.event("s\($0)", hour: 5, index: $0) }
            _ = try await client.send(.put, "/v1/models/m/baselines/shifted", contentType: "application/x-ndjson", body: Self.ndjson(shifted))
            _ = try await client.ingest(Self.hour(1, 50..<Self.perHour) + Self.hour(2, 0..<Self.perHour) + Self.hour(3, 0..<120))
            let listed = try await client.send(.get, "/v1/models/m/windows")
            let windows = try #require(try listed.json()["windows"] as? [[String: Any]])
            #expect(windows.map { $0["index"] as? Int } == [500_000, 500_001, 500_002])
            #expect(windows.map { $0["rows"] as? Int } == [Self.perHour + 1, Self.perHour, Self.perHour])
            #expect(windows.map { $0["baseline"] as? String } == ["ref", "ref", "shifted"])
            #expect(windows.map { $0["drifted_features"] as? [String] } == [[], ["amount"], []])
            let metrics = try await client.send(.get, "/metrics")
            #expect(!metrics.text.contains("driftwatch_late_events_total"))
        }
    }

    @Test func rowCountWindowsCloseEveryNRows() async throws {
        try await ServerHarness.run { client, _ in
            let schema = Self.schema.replacingOccurrences(of: #""window":"1h""#, with: #""window":{"rows":120}"#)
            #expect(try await client.send(.put, "/v1/models/m", contentType: "application/json", body: schema).status == .created)
            let baseline = (0..<300).map { Self.event("b\($0)", hour: -1, index: $0) }
            _ = try await client.send(.put, "/v1/models/m/baselines/ref", contentType: "application/x-ndjson", body: Self.ndjson(baseline))
            _ = try await client.ingest(Self.hour(0, 0..<150))
            _ = try await client.ingest(Self.hour(0, 150..<Self.perHour) + Self.hour(1, 0..<50))
            let listed = try await client.send(.get, "/v1/models/m/windows")
            let windows = try #require(try listed.json()["windows"] as? [[String: Any]])
            #expect(windows.map { $0["index"] as? Int } == [0, 1])
            #expect(windows.map { $0["rows"] as? Int } == [120, 120])
            // A row window spans the event times of its rows.
            #expect(windows.first?["start"] as? Double == Self.start)
            #expect(windows.first?["end"] as? Double == Self.start + 119 * 17)
        }
    }

    @Test func windowQueriesAnswerErrors() async throws {
        try await ServerHarness.run { client, _ in
            #expect(try await client.send(.get, "/v1/models/nope/windows").status == .notFound)
            try await client.registerModel()
            #expect(try await client.send(.get, "/v1/models/fraud/drift").status == .notFound)
            let bad = try await client.send(.get, "/v1/models/fraud/drift?at=yesterday")
            #expect(bad.status == .badRequest)
            #expect(try bad.errorMessage()?.hasPrefix("query parameter 'at'") == true)
            let empty = try await client.send(.get, "/v1/models/fraud/windows?from=2026-11-21T00:00:00Z")
            #expect((try empty.json()["windows"] as? [Any])?.isEmpty == true)
            // Without a baseline events are stored, not profiled: no window ever closes.
            let events = (0..<3).map {
                #"{"id":"e\#($0)","timestamp":\#(Double($0) * 7200),"features":{"amount":1},"prediction":0.5}"#
            }
            let stored = try await client.send(
                .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: events.joined(separator: "\n"))
            #expect(try stored.json()["accepted"] as? Int == 3)
            #expect((try await client.send(.get, "/v1/models/fraud/windows").json()["windows"] as? [Any])?.isEmpty == true)
        }
    }

    static func withApplication(
        _ configuration: ServerConfiguration, _ test: @Sendable (any TestClientProtocol, any Store) async throws -> Void
    ) async throws {
        let store = try configuration.openStore()
        do {
            try await buildApplication(configuration, store: store).test(.router) { client in try await test(client, store) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

extension TestClientProtocol {
    fileprivate func ingest(_ events: [PredictionEvent]) async throws -> TestResponse {
        try await send(.post, "/v1/models/m/predictions", contentType: "application/x-ndjson", body: WindowPipelineTests.ndjson(events))
    }
}

/// SplitMix64 with Box–Muller normals: deterministic test data.
private struct Generator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    mutating func normal() -> Double {
        let u = unit()
        let v = unit()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
