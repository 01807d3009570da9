import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `driftwatch serve` as a child process on an ephemeral loopback port over a SQLite file in
/// `directory`; killed when released if still running.
public final class ServeProcess {
    public let process: Process
    public let log: URL
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, log: URL, port: Int) {
        self.process = process
        self.log = log
        self.port = port
    }

    /// Starts the server (with `environment` added to the test's) and waits until it reports its port.
    public static func start(
        in directory: URL, data: String = "var/driftwatch.sqlite", arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> ServeProcess {
        let (process, log) = try DriftwatchProcess.start(
            ["serve", "--listen", "127.0.0.1:0", "--data", data] + arguments, in: directory, environment: environment)
        do {
            let port = try await DriftwatchProcess.waitForPort(log: log, process: process)
            return ServeProcess(process: process, log: log, port: port)
        } catch {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw error
        }
    }

    public func request(_ method: String, _ path: String, type: String? = nil, body: String? = nil) async throws -> (status: Int, body: String) {
        try await LoopbackHTTP.request(method, port: port, path, type: type, body: body)
    }

    /// Stops the server with SIGTERM (a graceful shutdown) and answers its exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
