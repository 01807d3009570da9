import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real server the tests talk to (`mlflow server`, `moto_server`), started as a child process
/// on a free loopback port as the leader of its process group, ready once its readiness URL answers 200,
/// stopped with its children by ``stop()``. A missing tool fails the test with how to install it.
public final class LoopbackService: @unchecked Sendable {
    public let port: Int
    public let log: URL
    private let process: Process

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, port: Int, log: URL) {
        self.process = process
        self.port = port
        self.log = log
    }

    /// The executable `name` from the actions virtualenv (`DRIFTWATCH_ACTIONS_VENV`, else the
    /// package's `.build/actions-venv`, where `make test` installs it), else from `PATH`.
    public static func tool(_ name: String, filePath: String = #filePath) throws -> String {
        var candidates: [String] = []
        if let venv = ProcessInfo.processInfo.environment["DRIFTWATCH_ACTIONS_VENV"] { candidates.append("\(venv)/bin/\(name)") }
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/actions-venv/bin/\(name)").path)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        if let found = ExternalTool.locate(name) { return found }
        throw TestSupportError("\(name) is not installed: run 'make test-tools' (it installs mlflow, dvc and moto into .build/actions-venv)")
    }

    /// A port nobody listens on right now.
    public static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSupportError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestSupportError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `executable arguments` (`{port}` in an argument becomes the chosen port) and
    /// waits until `GET readiness` answers 200, polling every quarter second up to `timeout`.
    public static func start(
        _ executable: String, _ arguments: [String], readiness: String, environment: [String: String] = [:],
        in directory: URL, timeout: Duration = .seconds(120)
    ) async throws -> LoopbackService {
        let port = try freePort()
        let log = directory.appendingPathComponent("\(URL(fileURLWithPath: executable).lastPathComponent)-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        // Foundation starts the child as the leader of a new process group, so stop() reaches
        // the workers it forks (uvicorn's) through the group.
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0.replacingOccurrences(of: "{port}", with: String(port)) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = directory
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        // The child inherits the spawning thread's signal mask (swift-corelibs-foundation 4772),
        // and task threads block SIGTERM: clear it so stop() is heard at once.
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        let service = LoopbackService(process: process, port: port, log: log)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try Task.checkCancellation()
            guard process.isRunning else {
                throw TestSupportError("\(executable) exited early:\n\(service.logTail())")
            }
            if let url = URL(string: service.baseURL + readiness),
                let (_, response) = try? await URLSession.shared.data(from: url), (response as? HTTPURLResponse)?.statusCode == 200
            {
                return service
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        _ = service.stop()
        throw TestSupportError("\(executable) did not answer \(readiness) within \(timeout):\n\(service.logTail())")
    }

    /// The last lines of the server's output, for failure messages.
    public func logTail(lines: Int = 30) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Stops the server's whole process group (SIGTERM, then SIGKILL after 10 s) and waits.
    @discardableResult
    public func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        let group = process.processIdentifier
        kill(-group, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(-group, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        stop()
    }
}
