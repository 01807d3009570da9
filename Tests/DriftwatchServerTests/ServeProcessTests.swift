import Foundation
import Storage
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `driftwatch serve` as a child process, as an operator would.
@Suite struct ServeProcessTests {
    @Test func servesOnAnEphemeralPortAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("var/driftwatch.sqlite")
        let (process, log) = try Self.start(["serve", "--listen", "127.0.0.1:0", "--data", data.path], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let port = try await Self.waitForPort(log: log, process: process)
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
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("var/driftwatch.sqlite").path
        let batch = (0..<200).map { #"{"id":"k\#($0)","features":{"amount":\#($0)},"prediction":0.5}"# }.joined(separator: "\n")

        let (first, firstLog) = try Self.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: directory)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let firstPort = try await Self.waitForPort(log: firstLog, process: first)
        let registered = try await Self.request("PUT", port: firstPort, "/v1/models/fraud", type: "application/json", body: ServerHarness.schemaJSON)
        #expect(registered.status == 201)
        let ingested = try await Self.request("POST", port: firstPort, "/v1/models/fraud/predictions", type: "application/x-ndjson", body: batch)
        #expect(ingested.status == 200)
        #expect(ingested.body.contains(#""accepted":200"#), "\(ingested.body)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let secondDirectory = directory.appendingPathComponent("second")
        try FileManager.default.createDirectory(at: secondDirectory, withIntermediateDirectories: true)
        let (second, secondLog) = try Self.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: secondDirectory)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let secondPort = try await Self.waitForPort(log: secondLog, process: second)
        let resent = try await Self.request("POST", port: secondPort, "/v1/models/fraud/predictions", type: "application/x-ndjson", body: batch)
        #expect(resent.body == #"{"accepted":0,"duplicates":200,"rejected":[]}"#)
        second.terminate()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
    }

    /// SIGTERM saves every open window before the store closes (a restart has nothing to
    /// replay) and leaves the database as a single file.
    @Test func aGracefulStopSavesOpenWindowsAndLeavesOneFile() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("var/driftwatch.sqlite").path
        let (process, log) = try Self.start(["serve", "--listen", "127.0.0.1:0", "--data", data], in: directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let port = try await Self.waitForPort(log: log, process: process)
        func lines(_ prefix: String, _ range: Range<Int>) -> String {
            range.map { #"{"id":"\#(prefix)\#($0)","features":{"amount":\#($0 % 37),"country":"DE","is_new":true},"prediction":0.5}"# }
                .joined(separator: "\n")
        }
        #expect(try await Self.request("PUT", port: port, "/v1/models/fraud", type: "application/json", body: ServerHarness.schemaJSON).status == 201)
        let baseline = try await Self.request(
            "PUT", port: port, "/v1/models/fraud/baselines/ref", type: "application/x-ndjson", body: lines("r", 0..<50))
        #expect(baseline.status == 200, "\(baseline.body)")
        for batch in 0..<3 {
            let ingested = try await Self.request(
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

    @Test func refusesToBindBeyondLoopback() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, log) = try Self.start(["serve", "--listen", "0.0.0.0:0", "--data", "x.sqlite"], in: directory)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(message.contains("binding beyond loopback needs tokens, not yet supported"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.sqlite").path))
    }

    @Test func environmentListenAddressIsCheckedToo() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, log) = try Self.start(["serve"], in: directory, environment: ["DRIFTWATCH_LISTEN": "10.1.2.3:8742"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(message.contains("refusing to listen on 10.1.2.3:8742"), "\(message)")
    }

    @Test func usageErrorsPointAtServeHelp() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, log) = try Self.start(["serve", "--bogus"], in: directory)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(try String(contentsOf: log, encoding: .utf8) == "driftwatch: Unknown option '--bogus'\n(see 'driftwatch serve --help')\n")
    }

    // MARK: Support

    private static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts the binary with its standard error in a file (a pipe nobody drains could block it).
    private static func start(_ arguments: [String], in directory: URL, environment overrides: [String: String] = [:]) throws
        -> (Process, URL)
    {
        let log = directory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["DRIFTWATCH_LISTEN"] = nil
        environment["DRIFTWATCH_DATA"] = nil
        environment.merge(overrides) { $1 }
        process.environment = environment
        try process.run()
        return (process, log)
    }

    private static func request(_ method: String, port: Int, _ path: String, type: String, body: String) async throws
        -> (status: Int, body: String)
    {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        request.setValue(type, forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The port the server printed in its "listening on" line.
    private static func waitForPort(log: URL, process: Process) async throws -> Int {
        let marker = "listening on http://127.0.0.1:"
        for _ in 0..<600 {
            let text = try String(contentsOf: log, encoding: .utf8)
            if let range = text.range(of: marker) {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), port > 0 { return port }
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not report its port: \(try String(contentsOf: log, encoding: .utf8))")
        throw CancellationError()
    }

    /// The `driftwatch` binary beside the test bundle (SwiftPM puts every product of a build in
    /// one directory); `DRIFTWATCH_BINARY` overrides the search.
    private static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["DRIFTWATCH_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = directories.map { $0.appendingPathComponent("driftwatch") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("no driftwatch binary beside the tests in \(directories.map(\.path)); run swift build first")
            throw CancellationError()
        }
        return found
    }
}
