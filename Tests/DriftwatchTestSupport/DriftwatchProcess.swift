import Foundation

/// Runs the built `driftwatch` executable as a child process, as a user would.
///
/// Finding the binary: SwiftPM puts every product of a build in one directory
/// (`.build/<triple>/debug/`), the test bundle included, and `swift build --build-tests` /
/// `swift test` build every product first. So the binary is looked for next to the test bundle:
/// beside each loaded `.xctest` bundle (macOS, where the bundle is loaded by `xctest`) and beside
/// the running executable (Linux, where the bundle *is* the executable). This holds for any
/// `--build-path`, triple or configuration, unlike a path built from `#filePath`.
/// `DRIFTWATCH_BINARY` overrides the search, for running the tests against another build.
public enum DriftwatchProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["DRIFTWATCH_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = directories.map { $0.appendingPathComponent("driftwatch") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestSupportError("no driftwatch binary beside the tests in \(directories.map(\.path)); run swift build first")
        }
        return found
    }

    /// This process's environment without the `DRIFTWATCH_*` settings a developer's shell may
    /// hold (so a test sees the defaults), plus `overrides`.
    public static func environment(_ overrides: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DRIFTWATCH_") || $0.key == "DRIFTWATCH_BINARY" }
        environment.merge(overrides) { $1 }
        return environment
    }

    /// Runs to completion in `directory`. Output goes to files rather than pipes, so a large
    /// report cannot fill a pipe buffer and block the child.
    public static func run(_ arguments: [String], in directory: URL, environment overrides: [String: String] = [:]) throws -> Outcome {
        let child = try Child(arguments, in: directory, environment: overrides)
        try child.process.run()
        child.process.waitUntilExit()
        return try child.outcome()
    }

    /// `run` for async tests: waits for the exit without holding a thread of the shared pool, so
    /// tests running beside it (a server being polled for its port) keep going.
    public static func run(_ arguments: [String], in directory: URL, environment overrides: [String: String] = [:]) async throws -> Outcome {
        let child = try Child(arguments, in: directory, environment: overrides)
        let process = child.process
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return try child.outcome()
    }

    /// A child process with its standard output and error in files of the directory.
    private struct Child {
        let process = Process()
        let output: URL
        let error: URL
        let outputHandle: FileHandle
        let errorHandle: FileHandle

        init(_ arguments: [String], in directory: URL, environment overrides: [String: String]) throws {
            process.executableURL = try binary()
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = environment(overrides)
            output = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
            error = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: error.path, contents: nil)
            outputHandle = try FileHandle(forWritingTo: output)
            errorHandle = try FileHandle(forWritingTo: error)
            process.standardOutput = outputHandle
            process.standardError = errorHandle
        }

        /// The exit status and both outputs; removes the output files.
        func outcome() throws -> Outcome {
            try outputHandle.close()
            try errorHandle.close()
            let outcome = Outcome(
                status: process.terminationStatus,
                standardOutput: try String(contentsOf: output, encoding: .utf8),
                standardError: try String(contentsOf: error, encoding: .utf8))
            try FileManager.default.removeItem(at: output)
            try FileManager.default.removeItem(at: error)
            return outcome
        }
    }

    /// Starts the binary in the background with its standard error in a log file (a pipe nobody
    /// drains could block it) and standard output discarded.
    public static func start(_ arguments: [String], in directory: URL, environment overrides: [String: String] = [:]) throws
        -> (process: Process, log: URL)
    {
        let log = directory.appendingPathComponent("stderr-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.environment = environment(overrides)
        try process.run()
        return (process, log)
    }

    /// The port a server printed in its "listening on" line, polled until `deadline` (generous:
    /// a debug build starting while the whole test suite loads both cores can take many seconds).
    /// `host` is the address the server was told to listen on.
    public static func waitForPort(
        log: URL, process: Process, host: String = "127.0.0.1", deadline: Duration = .seconds(120)
    ) async throws -> Int {
        let marker = "listening on http://\(host):"
        let end = ContinuousClock.now + deadline
        while true {
            let text = try String(contentsOf: log, encoding: .utf8)
            if let range = text.range(of: marker) {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), port > 0 { return port }
            }
            guard process.isRunning, ContinuousClock.now < end else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSupportError("the server did not report its port: \(try String(contentsOf: log, encoding: .utf8))")
    }
}
