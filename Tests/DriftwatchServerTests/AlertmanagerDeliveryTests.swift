import DriftwatchTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A rule of a real `driftwatch serve` fires, reaches a real Alertmanager (Debian's
/// `prometheus-alertmanager`, on loopback without clustering) with its labels and annotations,
/// and is resolved there once the rule stops matching.
@Suite(.timeLimit(.minutes(2))) struct AlertmanagerDeliveryTests {
    private static let rules = """
        model: m
        rules:
          - alert: Fired
            expr: driftwatch_window_rows{model="m"} >= THRESHOLD
            labels: {severity: page}
            annotations: {summary: "{{ $labels.model }} closed a window of {{ $value }} rows"}
        """

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
        let ruleFile = detectors.appendingPathComponent("rules.yaml")
        try Data(Self.rules.replacingOccurrences(of: "THRESHOLD", with: "5").utf8).write(to: ruleFile)
        let server = try await ServeProcess.start(
            in: scratch.url,
            arguments: ["--detectors", detectors.path, "--rule-interval", "1h", "--alertmanager-url", "http://127.0.0.1:\(port)"])
        try await ClosedRowWindow.create(on: server)

        func active() async throws -> [[String: Any]] {
            let body = try await LoopbackHTTP.request("GET", port: port, "/api/v2/alerts").body
            return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
        }
        try await waitUntil { try await !active().isEmpty }
        let alert = try #require(try await active().first)
        #expect(alert["labels"] as? [String: String] == ["alertname": "Fired", "model": "m", "severity": "page"])
        #expect(alert["annotations"] as? [String: String] == ["summary": "m closed a window of 5 rows"])
        #expect((alert["generatorURL"] as? String)?.hasSuffix("/v1/models/m/drift") == true)
        #expect((alert["status"] as? [String: Any])?["state"] as? String == "active")

        // The rule stops matching: the alert resolves and Alertmanager no longer lists it.
        try Data(Self.rules.replacingOccurrences(of: "THRESHOLD", with: "5000").utf8).write(to: ruleFile)
        #expect(try await server.request("POST", "/-/reload").status == 200)
        try await waitUntil { try await active().isEmpty }
        #expect(server.stop() == 0)
    }
}
