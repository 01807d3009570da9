import DriftwatchTestSupport
import Foundation
import Testing

/// `driftwatch demo --no-wait` run as a child process on a free port and a short stream (6 hours of 1 000
/// events and 60 latency samples, shift from hour 3; hour 5 stays open).
@Suite("driftwatch demo")
struct DemoCommandTests {
    @Test("the demo replays its stream, reports exactly the shifted features after the shift and none before, and exits 0")
    func shortDemo() throws {
        let scratch = try ScratchDirectory()
        let outcome = try scratch.run(
            "demo", "--no-wait", "--listen", "127.0.0.1:0", "--data", "var/demo.sqlite",
            "--hours", "6")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("var/demo.sqlite").path))
        let output = outcome.standardOutput
        // Port 0 asks the kernel for a free port; the printed URLs carry the bound one.
        let listening = try #require(outcome.standardError.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/)?.1)
        #expect(!listening.hasSuffix(":0"))
        for path in ["/metrics", "/v1/models/fraud-detector/drift", "/v1/models/fraud-detector/windows"] {
            #expect(output.contains("  \(listening)\(path)\n"))
        }
        #expect(outcome.standardError.contains("replay: batch 6/6"))

        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("What changed in the last closed window (hour 04") })
        #expect(lines[header].hasSuffix("3 of 12 features drifted"))
        let changed = lines[(header + 1)...].prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  (") }
        #expect(changed.compactMap { $0.split(separator: " ").first.map(String.init) } == ["amount", "country", "device"])
        #expect(changed.allSatisfy { $0.contains("method=") && $0.contains("statistic=") })

        let windows = lines.filter { $0.hasPrefix("  hour ") }
        #expect(windows.count == 5)
        for (hour, line) in windows.enumerated() {
            #expect(line.hasPrefix("  hour 0\(hour) "))
            let drifted = line.components(separatedBy: "drifted: ").last ?? ""
            if hour < 3 {
                #expect(drifted == "none", "\(line)")
            } else {
                #expect(drifted.hasPrefix("amount, country, device"), "\(line)")
            }
        }
        // The latency pushed beside the events steps up with the shift: only that hour is anomalous.
        #expect(output.contains("\n  anomalous in hour 03 of 6 (driftwatch_metric_anomaly_score"), "\(output)")
    }
}
