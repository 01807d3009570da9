import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing

@testable import DriftwatchServer

@Suite struct DetectorDirectoryTests {
    @Test func referencesAcrossFilesAreChecked() throws {
        let scratch = try ScratchDirectory()
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: scratch.url.appendingPathComponent(name))
        }
        try write("a.yaml", "model: m\nactions:\n  - name: retrain\n    kind: retrain\n    adapter: command\n    with: {argv: [dvc, repro], directory: .}\n")
        try write("b.yml", "models: [\"m*\"]\nrules:\n  - alert: A\n    expr: x > 1\n    actions: [retrain, rollback]\n")
        try write("notes.txt", "not a detector file")
        #expect(throws: DetectorSetError([
            DetectorFileError(file: scratch.url.appendingPathComponent("b.yml").path, line: 3, column: 5,
                message: "rule 'A' names action 'rollback', which no detector file defines"),
        ])) { try DetectorDirectory.load(scratch.url.path) }
        try write("c.yaml", "model: n\nactions:\n  - name: retrain\n    kind: rollback\n    adapter: mlflow-alias\n    with: {tracking_uri: \"http://127.0.0.1:5000\"}\n")
        do {
            _ = try DetectorDirectory.load(scratch.url.path)
            Issue.record("loaded")
        } catch {
            #expect(error.errors.map(\.message).contains { $0.hasPrefix("action 'retrain' is also defined at \(scratch.url.path)/a.yaml:3:5") }, "\(error)")
        }
        try write("b.yml", "models: [\"m*\"]\nrules:\n  - alert: A\n    expr: x > 1\n    actions: [retrain]\n")
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("c.yaml"))
        let set = try DetectorDirectory.load(scratch.url.path)
        #expect(set.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.yaml", "b.yml"])
        #expect(set.files(for: "m2").map(\.rules.count) == [1] && set.files(for: "m").count == 2)
        #expect(throws: DetectorSetError.self) { try DetectorDirectory.load(scratch.url.appendingPathComponent("missing").path) }
    }

    @Test func aMetricAnomalyDetectorNameIsUniqueAcrossFiles() throws {
        let scratch = try ScratchDirectory()
        let anomaly = "detectors:\n  - name: latency\n    kind: metric-anomaly\n    series: endpoint_latency_ms\n"
        try Data(anomaly.utf8).write(to: scratch.url.appendingPathComponent("a.yaml"))
        try Data(("model: m\n" + anomaly).utf8).write(to: scratch.url.appendingPathComponent("b.yaml"))
        #expect(throws: DetectorSetError([
            DetectorFileError(file: scratch.url.appendingPathComponent("b.yaml").path, line: 3, column: 5,
                message: "metric-anomaly detector 'latency' is also defined at \(scratch.url.path)/a.yaml:2:5"),
        ])) { try DetectorDirectory.load(scratch.url.path) }
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("b.yaml"))
        #expect(try DetectorDirectory.load(scratch.url.path).metricAnomalies.map(\.name) == ["latency"])
    }

    /// The set shipped in `detectors/` is valid and covers every detector kind.
    @Test func theShippedDetectorsAreValid() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("detectors")
        let set = try DetectorDirectory.load(directory.path)
        #expect(Set(set.files.flatMap(\.detectors).map(\.kind)) == Set(DetectorKind.allCases))
        #expect(set.files(for: "fraud-detector").count == 2 && set.files(for: "churn").count == 1)
        #expect(set.rules.allSatisfy { !$0.annotations.isEmpty && $0.labels["severity"] != nil })
        #expect(Set(set.metricAnomalies.map(\.watchesWindows)) == [false, true])
    }
}
