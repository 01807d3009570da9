import DriftwatchTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func listsEveryProblemWithItsPlaceAndExitsTwo() throws {
        let scratch = try ScratchDirectory()
        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        try Data("model: m\nrules:\n  - alert: A\n    expr: rate(x[5m]) > 1\n    for: 1.5h\n".utf8)
            .write(to: detectors.appendingPathComponent("m.yaml"))
        let failed = try DriftwatchProcess.run(["validate", "--detectors", detectors.path], in: scratch.url)
        #expect(failed.status == 2)
        #expect(failed.standardError.contains("2 problems in \(detectors.path)"), "\(failed.standardError)")
        #expect(failed.standardError.contains("m.yaml:4:11: rules[0].expr: function 'rate' is not supported"), "\(failed.standardError)")
        #expect(failed.standardError.contains("m.yaml:5:10: rules[0].for: invalid duration '1.5h'"), "\(failed.standardError)")
        try Data("model: m\nrules:\n  - alert: A\n    expr: x > 1\n    for: 90m\n".utf8).write(to: detectors.appendingPathComponent("m.yaml"))
        let passed = try DriftwatchProcess.run(["validate", "--detectors", detectors.path], in: scratch.url)
        #expect(passed.status == 0, "\(passed.standardError)")
        #expect(passed.standardOutput.contains("1 file, 0 detectors, 1 rule, 0 actions: valid"), "\(passed.standardOutput)")

        // A metric-anomaly detector's parameters are checked by name and range, at their place.
        let operations = detectors.appendingPathComponent("ops.yaml")
        let anomaly = "detectors:\n  - name: latency\n    kind: metric-anomaly\n    series: endpoint_latency_ms\n    detector: ewma\n"
        try Data((anomaly + "    parameters: {lambda: 2}\n").utf8).write(to: operations)
        let refused = try DriftwatchProcess.run(["validate", "--detectors", detectors.path], in: scratch.url)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("ops.yaml:6:26: detectors[0].parameters.lambda: 2.0 is outside (0, 1]"), "\(refused.standardError)")
        try Data((anomaly + "    parameters: {lambda: 0.2}\n").utf8).write(to: operations)
        let accepted = try DriftwatchProcess.run(["validate", "--detectors", detectors.path], in: scratch.url)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(accepted.standardOutput.contains("2 files, 1 detector, 1 rule, 0 actions: valid"), "\(accepted.standardOutput)")
    }
}
