import DriftwatchTestSupport
import Foundation
import Storage
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `driftwatch serve` as a child process, as an operator would.
@Suite struct ServeProcessTests {
    @Test func servesOnAnEphemeralPortAndStopsCleanlyOnSIGTERM() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let data = directory.appendingPathComponent("var/driftwatch.sqlite")
        let (process, log) = try DriftwatchProcess.start(["serve", "--listen", "127.0.0.1:0", "--data", data.path], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let port = try await DriftwatchProcess.waitForPort(log: log, process: process)
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/readyz"))
        let (body, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("ready"))
        #expect(FileManager.default.fileExists(atPath: data.path))

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("driftwatch: stopped"))
    }

    /// A 200 means committed: after `kill -9` right behind the answer, a restarted server
    /// already holds every acknowledged event (the re-sent batch is all duplicates).
    @Test func acknowledgedEventsSurviveKill9() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let data = directory.appendingPathComponent("var/driftwatch.sqlite").path
        let batch = (0..<200).map { #"{"id":"k\#($0)","features":{"amount":\#($0)},"prediction":0.5}"# }.joined(separator: "\n")

        let (first, firstLog) = try DriftwatchProcess.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: directory)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let firstPort = try await DriftwatchProcess.waitForPort(log: firstLog, process: first)
        let registered = try await LoopbackHTTP.request("PUT", port: firstPort, "/v1/models/fraud", type: "application/json", body: ServerHarness.schemaJSON)
        #expect(registered.status == 201)
        let ingested = try await LoopbackHTTP.request("POST", port: firstPort, "/v1/models/fraud/predictions", type: "application/x-ndjson", body: batch)
        #expect(ingested.status == 200)
        #expect(ingested.body.contains(#""accepted":200"#), "\(ingested.body)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let secondDirectory = directory.appendingPathComponent("second")
        try FileManager.default.createDirectory(at: secondDirectory, withIntermediateDirectories: true)
        let (second, secondLog) = try DriftwatchProcess.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: secondDirectory)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let secondPort = try await DriftwatchProcess.waitForPort(log: secondLog, process: second)
        let resent = try await LoopbackHTTP.request("POST", port: secondPort, "/v1/models/fraud/predictions", type: "application/x-ndjson", body: batch)
        #expect(resent.body == #"{"accepted":0,"duplicates":200,"rejected":[]}"#)
        second.terminate()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
    }

    /// SIGTERM saves every open window before the store closes (a restart has nothing to
    /// replay) and leaves the database as a single file.
    @Test func aGracefulStopSavesOpenWindowsAndLeavesOneFile() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let data = directory.appendingPathComponent("var/driftwatch.sqlite").path
        let (process, log) = try DriftwatchProcess.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let port = try await DriftwatchProcess.waitForPort(log: log, process: process)
        func lines(_ prefix: String, _ range: Range<Int>) -> String {
            range.map { #"{"id":"\#(prefix)\#($0)","features":{"amount":\#($0 % 37),"country":"DE","is_new":true},"prediction":0.5}"# }
                .joined(separator: "\n")
        }
        #expect(try await LoopbackHTTP.request("PUT", port: port, "/v1/models/fraud", type: "application/json", body: ServerHarness.schemaJSON).status == 201)
        let baseline = try await LoopbackHTTP.request(
            "PUT", port: port, "/v1/models/fraud/baselines/ref", type: "application/x-ndjson", body: lines("r", 0..<50))
        #expect(baseline.status == 200, "\(baseline.body)")
        for batch in 0..<3 {
            let ingested = try await LoopbackHTTP.request(
                "POST", port: port, "/v1/models/fraud/predictions", type: "application/x-ndjson",
                body: lines("e", (batch * 100)..<(batch * 100 + 100)))
            #expect(ingested.body.contains(#""accepted":100"#), "\(ingested.body)")
        }
        process.terminate()
        process.waitUntilExit()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(!FileManager.default.fileExists(atPath: data + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: data + "-shm"))

        let store = try SQLiteStore(path: data)
        let stored = try await store.predictions(model: "fraud", afterSequence: Int64.min, limit: 1000)
        let saved = try #require(try await store.openWindows(model: "fraud"))
        #expect(stored.count == 300)
        #expect(saved.appliedThrough == stored.last?.sequence)
        #expect(saved.profiles.map(\.rows).reduce(0, +) == 300)
        try await store.close()
    }

    @Test func refusesToBindBeyondLoopbackWithoutTokens() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let (process, log) = try DriftwatchProcess.start(["serve", "--listen", "0.0.0.0:0", "--data", "x.sqlite"], in: directory)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(message.hasPrefix("driftwatch: refusing to listen on 0.0.0.0:0 without tokens"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.sqlite").path))
    }

    @Test func insecureBindsBeyondLoopbackWithAWarning() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let (process, log) = try DriftwatchProcess.start(["serve", "--listen", "0.0.0.0:0", "--data", "x.sqlite", "--insecure"], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let port = try await DriftwatchProcess.waitForPort(log: log, process: process, host: "0.0.0.0")
        let models = try await LoopbackHTTP.request("GET", port: port, "/v1/models", type: "application/json", body: "")
        #expect(models.status == 200)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(output.contains("driftwatch: WARNING: listening on 0.0.0.0:0 WITHOUT AUTHENTICATION (--insecure)"), "\(output)")
    }

    @Test func tokensFromTheConfigFileGuardTheRoutes() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let tokens = directory.appendingPathComponent("tokens.yaml")
        _ = FileManager.default.createFile(
            atPath: tokens.path, contents: Data("- name: grafana\n  token: read-secret\n  scopes: [read]\n".utf8),
            attributes: [.posixPermissions: 0o600])
        let config = directory.appendingPathComponent("dw.yaml")
        try "listen: 0.0.0.0:0\ndata: x.sqlite\ntokens_file: tokens.yaml\nlog_format: json\n".write(to: config, atomically: true, encoding: .utf8)
        let (process, log) = try DriftwatchProcess.start(["serve", "--config", config.path], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let port = try await DriftwatchProcess.waitForPort(log: log, process: process, host: "0.0.0.0")
        #expect(try await LoopbackHTTP.request("GET", port: port, "/v1/models", type: "application/json", body: "").status == 401)
        let read = try await LoopbackHTTP.request("GET", port: port, "/v1/models", type: "application/json", body: "", token: "read-secret")
        #expect(read.status == 200)
        #expect(try await LoopbackHTTP.request("GET", port: port, "/healthz", type: "application/json", body: "").status == 200)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(!output.contains("WARNING"), "\(output)")
        // JSON access logs: the refused request at info, the successful ones at debug (not shown).
        let accessLines = output.split(separator: "\n").filter { $0.contains(#""message":"request""#) }
        #expect(accessLines.count == 1, "\(output)")
        #expect(accessLines.first?.contains(#""status":"401""#) == true)
        #expect(accessLines.first?.contains(#""route":"/v1/models""#) == true)
    }

    @Test func configErrorsExitWithTwoNamingFileAndLine() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        try "data: x.sqlite\nretension: 7d\n".write(to: directory.appendingPathComponent("dw.yaml"), atomically: true, encoding: .utf8)
        let (process, log) = try DriftwatchProcess.start(["serve"], in: directory, environment: ["DRIFTWATCH_CONFIG": "dw.yaml"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(message.hasPrefix("driftwatch: dw.yaml:2: retension: unknown key"), "\(message)")
    }

    @Test func environmentListenAddressIsCheckedToo() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let (process, log) = try DriftwatchProcess.start(["serve"], in: directory, environment: ["DRIFTWATCH_LISTEN": "10.1.2.3:8742"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(message.contains("refusing to listen on 10.1.2.3:8742"), "\(message)")
    }

    @Test func usageErrorsPointAtServeHelp() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let (process, log) = try DriftwatchProcess.start(["serve", "--bogus"], in: directory)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(try String(contentsOf: log, encoding: .utf8) == "driftwatch: Unknown option '--bogus'\n(see 'driftwatch serve --help')\n")
    }
}
