import DriftwatchTestSupport
import Foundation
import Testing

/// `driftwatch ingest` against the real `driftwatch serve` on an ephemeral loopback port.
@Suite("driftwatch ingest")
struct IngestCommandTests {
    static func event(_ index: Int, amount: String? = nil) -> String {
        #"{"id":"e\#(index)","timestamp":\#(1_767_225_600 + index),"features":{"amount":\#(amount ?? String(index)),"country":"DE"},"prediction":0.5}"#
    }

    /// The server's counter of stored predictions of model `fraud`.
    static func ingested(_ server: ServeProcess) async throws -> String? {
        let metrics = try await server.request("GET", "/metrics")
        return metrics.body.split(separator: "\n").first { $0.hasPrefix(#"driftwatch_predictions_ingested_total{model="fraud"} "#) }
            .map { String($0.split(separator: " ").last ?? "") }
    }

    @Test("a bad line in the third batch is reported by its file line, the rest is stored, and a re-run is all duplicates")
    func badLineInThirdBatch() async throws {
        let scratch = try ScratchDirectory()
        let server = try await BaselineCreateCommandTests.server(scratch)
        // 250 events in batches of 100; a blank line at file line 121 shifts the later events by one,
        // so the bad event, the 229th, sits on file line 230 and is line 29 of the third batch.
        var lines = (0..<250).map { Self.event($0) }
        lines[228] = Self.event(228, amount: #""12.5""#)
        lines.insert("", at: 120)
        try scratch.write("events.ndjson", lines.joined(separator: "\n") + "\n")

        let first = try await scratch.run("ingest", "--model", "fraud", "--file", "events.ndjson", "--batch-size", "100", "--server", server.baseURL)
        #expect(first.status == 1, "\(first.standardError)")
        let output = first.standardOutput
        #expect(output.hasPrefix("Ingested events.ndjson into model 'fraud' (predictions):\n"))
        #expect(output.contains("  sent        250 events in 3 batches\n"))
        #expect(output.contains("  accepted    249\n"))
        #expect(output.contains("  duplicates  0\n"))
        #expect(output.contains("  rejected    1\n    events.ndjson: line 230: feature 'amount': expected number, got string\n"), "\(output)")
        #expect(output.contains(" events/s)\n"))
        #expect(!first.standardError.contains("\r"))
        #expect(try await Self.ingested(server) == "249")

        let again = try await scratch.run("ingest", "--model", "fraud", "--file", "events.ndjson", "--batch-size", "100", "--concurrency", "1", "--server", server.baseURL)
        #expect(again.status == 1, "\(again.standardError)")
        #expect(again.standardOutput.contains("  accepted    0\n  duplicates  249\n  rejected    1\n    events.ndjson: line 230: "))
        #expect(try await Self.ingested(server) == "249")
        #expect(server.stop() == 0)
    }

    @Test("a clean file exits 0, a re-run reports every event as a duplicate, and labels go to /labels")
    func cleanReplayAndLabels() async throws {
        let scratch = try ScratchDirectory()
        let server = try await BaselineCreateCommandTests.server(scratch)
        try scratch.write("events.jsonl", (0..<300).map { Self.event($0) }.joined(separator: "\n"))

        let first = try await scratch.run("ingest", "--model", "fraud", "--file", "events.jsonl", "--batch-size", "64", environment: ["DRIFTWATCH_SERVER": server.baseURL])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("  sent        300 events in 5 batches\n  accepted    300\n  duplicates  0\n  rejected    0\n"))
        let again = try await scratch.run("ingest", "--model", "fraud", "--file", "events.jsonl", "--server", server.baseURL)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("  sent        300 events in 1 batch\n  accepted    0\n  duplicates  300\n  rejected    0\n"))
        #expect(try await Self.ingested(server) == "300")

        try scratch.write("labels.ndjson", (0..<300).map { #"{"id":"e\#($0)","label":\#($0 % 2)}"# }.joined(separator: "\n"))
        let labels = try await scratch.run("ingest", "--model", "fraud", "--file", "labels.ndjson", "--labels", "--server", server.baseURL)
        #expect(labels.status == 0, "\(labels.standardError)")
        #expect(labels.standardOutput.hasPrefix("Ingested labels.ndjson into model 'fraud' (labels):\n"))
        #expect(labels.standardOutput.contains("  accepted    300\n"))
        #expect(server.stop() == 0)
    }

    @Test("an unknown model, an unreachable server, a missing file and a bad batch size exit 2 with the reason")
    func errors() async throws {
        let scratch = try ScratchDirectory()
        let server = try await BaselineCreateCommandTests.server(scratch)
        try scratch.write("events.ndjson", Self.event(0) + "\n")

        let unknown = try await scratch.run("ingest", "--model", "nope", "--file", "events.ndjson", "--server", server.baseURL)
        #expect(unknown.status == 2)
        #expect(unknown.standardError == "driftwatch: events.ndjson: unknown model 'nope' (HTTP 404)\n")

        let unreachable = try await scratch.run("ingest", "--model", "fraud", "--file", "events.ndjson", "--server", "http://127.0.0.1:1")
        #expect(unreachable.status == 2)
        #expect(unreachable.standardError.hasPrefix("driftwatch: cannot reach the driftwatch server at http://127.0.0.1:1: "))

        let missing = try await scratch.run("ingest", "--model", "fraud", "--file", "none.ndjson", "--server", server.baseURL)
        #expect(missing.status == 2)
        #expect(missing.standardError == "driftwatch: none.ndjson: cannot read: No such file or directory\n")

        let batch = try await scratch.run("ingest", "--model", "fraud", "--file", "events.ndjson", "--batch-size", "0", "--server", server.baseURL)
        #expect(batch.status == 2)
        #expect(batch.standardError == "driftwatch: --batch-size must be between 1 and 100000, got 0\n")
        #expect(try await Self.ingested(server) == nil)
    }

    @Test("503 with Retry-After and a 500 are retried, the token is sent on every request, and nothing is lost or doubled")
    func retriesThroughAnOverloadedProxy() async throws {
        let scratch = try ScratchDirectory()
        let server = try await BaselineCreateCommandTests.server(scratch)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/testing/overload_proxy.py")
        let log = scratch.url.appendingPathComponent("proxy.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proxy.arguments = ["python3", script.path, server.baseURL, "2", "1"]
        proxy.standardError = try FileHandle(forWritingTo: log)
        proxy.standardOutput = FileHandle.nullDevice
        try proxy.run()
        // SIGKILL: the child inherits the test runner's blocked signals, SIGTERM among them.
        defer {
            kill(proxy.processIdentifier, SIGKILL)
            proxy.waitUntilExit()
        }
        let port = try await DriftwatchProcess.waitForPort(log: log, process: proxy)
        try scratch.write("events.ndjson", (0..<250).map { Self.event($0) }.joined(separator: "\n"))

        let run = try await scratch.run(
            "ingest", "--model", "fraud", "--file", "events.ndjson", "--batch-size", "100", "--concurrency", "1",
            "--server", "http://127.0.0.1:\(port)", environment: ["DRIFTWATCH_TOKEN": "s3cret"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("  sent        250 events in 3 batches\n  accepted    250\n  duplicates  0\n  rejected    0\n"))
        let seconds = try #require(run.standardOutput.firstMatch(of: /elapsed +([0-9.]+) s/).flatMap { Double($0.1) })
        #expect(seconds >= 2, "two Retry-After: 1 waits")
        #expect(try await Self.ingested(server) == "250")

        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("proxy: ") }
        let statuses = requests.filter { $0.hasPrefix("proxy: POST") }.map { $0.split(separator: " ")[3] }
        #expect(statuses == ["503", "503", "500", "200", "200", "200"])
        #expect(requests.allSatisfy { $0.hasSuffix("auth=Bearer s3cret") }, "\(requests)")
    }
}
