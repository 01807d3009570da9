import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Drift driven through a real `driftwatch serve` fires a rule; the alert reaches a real
/// Alertmanager (Debian's `prometheus-alertmanager`, on loopback without clustering) with its
/// labels and annotations, and is resolved there once a window without drift closes.
@Suite(.timeLimit(.minutes(2))) struct AlertmanagerDeliveryTests {
    /// The file's window (200 rows) replaces the schema's (1000 rows), so each 200-event batch
    /// closes one window.
    private static let detectorFile = """
        model: m
        window: {rows: 200}
        detectors:
          - name: feature-drift
            kind: univariate
            method: ks
            min_rows: 50
          - name: joint
            kind: multivariate
            method: mmd
            features: [x, y]
        rules:
          - alert: InputsDrifted
            expr: driftwatch_dataset_drift_share{model="m", detector="feature-drift"} > 0.4
            labels: {severity: page}
            annotations: {summary: "{{ $labels.model }}: {{ $value | humanizePercentage }} of features drifted"}
        """

    /// `count` events with x, y ~ N(shift, 1), as NDJSON.
    private static func events(_ prefix: String, _ count: Int, shift: Double, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let x = shift + random.nextNormal()
            let y = shift + random.nextNormal()
            return #"{"id":"\#(prefix)\#(index)","features":{"x":\#(x),"y":\#(y)},"prediction":0.5}"#
        }.joined(separator: "\n")
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw TestSupportError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private func waitUntil(_ condition: () async throws -> Bool) async throws {
        while try await !condition() {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func aFiringAlertReachesAlertmanagerAndIsResolvedThere() async throws {
        let executable = try #require(
            ExternalTool.locate("prometheus-alertmanager"), "prometheus-alertmanager is missing: `make test` installs Debian's package")
        let scratch = try ScratchDirectory()
        let config = scratch.url.appendingPathComponent("alertmanager.yml")
        try Data("route: {receiver: blackhole, group_wait: 0s}\nreceivers: [{name: blackhole}]\n".utf8).write(to: config)
        let port = try Self.freePort()
        let alertmanager = Process()
        alertmanager.executableURL = URL(fileURLWithPath: executable)
        alertmanager.arguments = [
            "--config.file=\(config.path)", "--storage.path=\(scratch.url.appendingPathComponent("am").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        alertmanager.standardOutput = FileHandle.nullDevice
        alertmanager.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try alertmanager.run()
        defer {
            alertmanager.terminate()
            alertmanager.waitUntilExit()
        }
        try await waitUntil { (try? await LoopbackHTTP.request("GET", port: port, "/-/ready"))?.status == 200 }

        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        try Data(Self.detectorFile.utf8).write(to: detectors.appendingPathComponent("m.yaml"))
        let server = try await ServeProcess.start(
            in: scratch.url,
            arguments: ["--detectors", detectors.path, "--rule-interval", "1h", "--alertmanager-url", "http://127.0.0.1:\(port)",
                "--external-url", "https://driftwatch.invalid/"])
        let schema = #"{"features":[{"name":"x","type":"numeric"},{"name":"y","type":"numeric"}],"prediction":{"type":"score"},"window":{"rows":1000}}"#
        #expect(try await server.request("PUT", "/v1/models/m", type: "application/json", body: schema).status == 201)
        let baseline = Self.events("r", 500, shift: 0, seed: 1)
        #expect(try await server.request("PUT", "/v1/models/m/baselines/reference", type: "application/x-ndjson", body: baseline).status == 200)

        func active() async throws -> [[String: Any]] {
            let body = try await LoopbackHTTP.request("GET", port: port, "/api/v2/alerts").body
            return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
        }
        // A quiet window: nothing fires.
        let quiet = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: Self.events("q", 200, shift: 0, seed: 2))
        #expect(quiet.status == 200)
        let quietMetrics = try await server.request("GET", "/metrics").body
        #expect(quietMetrics.contains(#"driftwatch_dataset_drift_share{model="m",detector="feature-drift"} 0"#), "\(quietMetrics)")
        #expect(quietMetrics.contains(#"driftwatch_window_rows{model="m"} 200"#))

        // Both features shift by two standard deviations.
        let drifted = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: Self.events("d", 200, shift: 2, seed: 3))
        #expect(drifted.status == 200)
        try await waitUntil { try await !active().isEmpty }
        let alert = try #require(try await active().first)
        #expect(alert["labels"] as? [String: String] == ["alertname": "InputsDrifted", "model": "m", "detector": "feature-drift", "severity": "page"])
        #expect(alert["annotations"] as? [String: String] == ["summary": "m: 100% of features drifted"])
        #expect(alert["generatorURL"] as? String == "https://driftwatch.invalid/v1/models/m/drift")
        #expect((alert["status"] as? [String: Any])?["state"] as? String == "active")
        let metrics = try await server.request("GET", "/metrics").body
        #expect(metrics.contains(#"driftwatch_feature_drift_detected{model="m",detector="feature-drift",feature="x",method="ks"} 1"#), "\(metrics)")
        let joint = try #require(metrics.split(separator: "\n").first { $0.hasPrefix(#"driftwatch_multivariate_drift_p_value{model="m",detector="joint",method="mmd"} "#) })
        #expect(Double(joint.split(separator: " ").last ?? "") ?? 1 < 0.05, "\(joint)")

        // A window like the baseline again: the alert resolves and Alertmanager no longer lists it.
        let calm = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: Self.events("c", 200, shift: 0, seed: 4))
        #expect(calm.status == 200)
        try await waitUntil { try await active().isEmpty }
        #expect(server.stop() == 0)
    }
}
