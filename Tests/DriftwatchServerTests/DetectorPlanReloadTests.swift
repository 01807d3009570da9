import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

/// A real `driftwatch serve` judges windows by its detector files: the file's window and baseline
/// replace the schema's and the active one, its detectors name the series, and `POST /-/reload`
/// applies a changed file to the windows that close afterwards.
@Suite(.timeLimit(.minutes(2))) struct DetectorPlanReloadTests {
    private static func file(window: Int, detector: String) -> String {
        """
        model: m
        window: {rows: \(window)}
        baseline: spring
        detectors:
          - name: \(detector)
            kind: univariate
            method: psi
            min_rows: 10
          - name: rows
            kind: data-quality
            features: [x]
        """
    }

    private static func events(_ prefix: String, _ count: Int, mean: Double, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            #"{"id":"\#(prefix)\#(index)","features":{"x":\#(mean + random.nextNormal())},"prediction":0.5}"#
        }.joined(separator: "\n")
    }

    private static func lines(_ server: ServeProcess) async throws -> [Substring] {
        try await server.request("GET", "/metrics").body.split(separator: "\n")
    }

    @Test func theFilesWindowBaselineAndDetectorsApplyAndAReloadChangesThem() async throws {
        let scratch = try ScratchDirectory()
        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        let path = detectors.appendingPathComponent("m.yaml")
        try Data(Self.file(window: 100, detector: "first").utf8).write(to: path)
        let server = try await ServeProcess.start(in: scratch.url, arguments: ["--detectors", detectors.path])
        let schema = #"{"features":[{"name":"x","type":"numeric"}],"prediction":{"type":"score"},"window":{"rows":1000}}"#
        #expect(try await server.request("PUT", "/v1/models/m", type: "application/json", body: schema).status == 201)
        // "spring" (mean 5) is what the file names; "reference" (mean 0) is uploaded last, so it is active.
        for (name, mean) in [("spring", 5.0), ("reference", 0.0)] {
            let body = Self.events(name, 400, mean: mean, seed: 1)
            #expect(try await server.request("PUT", "/v1/models/m/baselines/\(name)", type: "application/x-ndjson", body: body).status == 200)
        }
        let model = try await server.request("GET", "/v1/models/m").body
        #expect(model.contains(#""name":"reference""#), "\(model)")

        _ = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: Self.events("a", 100, mean: 5, seed: 2))
        var lines = try await Self.lines(server)
        #expect(lines.contains(#"driftwatch_window_rows{model="m"} 100"#), "the file's 100-row window closed: \(lines)")
        #expect(lines.contains(#"driftwatch_feature_drift_detected{model="m",detector="first",feature="x",method="psi"} 0"#), "judged against spring: \(lines)")
        #expect(lines.contains(#"driftwatch_feature_missing_ratio{model="m",feature="x"} 0"#))
        let drift = try await server.request("GET", "/v1/models/m/drift").body
        #expect(drift.contains(#""baseline":"spring""#) && drift.contains(#""name":"first""#), "\(drift)")

        // The reload renames the detector and shortens the window.
        try Data(Self.file(window: 50, detector: "second").utf8).write(to: path)
        #expect(try await server.request("POST", "/-/reload").status == 200)
        _ = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: Self.events("b", 50, mean: 0, seed: 3))
        lines = try await Self.lines(server)
        #expect(lines.contains(#"driftwatch_window_rows{model="m"} 50"#), "\(lines)")
        #expect(lines.contains(#"driftwatch_feature_drift_detected{model="m",detector="second",feature="x",method="psi"} 1"#), "\(lines)")
        #expect(!lines.contains { $0.contains(#"detector="first""#) })
        #expect(server.stop() == 0)
    }
}
