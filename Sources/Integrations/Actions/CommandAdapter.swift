import Foundation
import Logging
import Monitoring
import Synchronization

/// Runs a retraining command (for example `dvc repro` or `dvc exp run -S train.seed=…`): the argv
/// is executed directly, never through a shell, so alert labels cannot inject anything. It runs in
/// the configured directory with driftwatch's environment plus the trigger's figures
/// (`DRIFTWATCH_MODEL`, `DRIFTWATCH_RULE`, `DRIFTWATCH_EVENT`, `DRIFTWATCH_VALUE`,
/// `DRIFTWATCH_DRIFT_SHARE`, `DRIFTWATCH_DRIFTED_FEATURES`, `DRIFTWATCH_WINDOW_END`,
/// `DRIFTWATCH_WINDOW_ROWS`, `DRIFTWATCH_FIRED_AT`, `DRIFTWATCH_ACTION`, `DRIFTWATCH_RUN_ID`) and
/// the configured variables. It is stopped (SIGTERM, then SIGKILL after 5 s) at the timeout. Exit
/// code and the tail of its output are recorded; a non-zero exit fails the run and is not retried
/// (the command decides what a retry means).
struct CommandAdapter: ActionAdapter {
    let settings: CommandSettings

    /// Output lines kept for the audit log.
    static let tailLines = 20

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let trigger = session.run.trigger
        let argv = settings.argv.map { $0.render(for: trigger) }
        var environment = ProcessInfo.processInfo.environment
        let added = Self.environment(for: session.run).merging(
            settings.environment.map { ($0.name, $0.template.render(for: trigger)) }) { _, configured in configured }
        environment.merge(added) { _, new in new }
        let redactor = session.secrets.redactor
        let request = redactor.redact(
            "cd \(settings.directory) && " + argv.map(Self.quoted).joined(separator: " ")
                + "\nenvironment: " + added.keys.sorted().joined(separator: ", "))
        var target = ActionTarget(system: "command", resource: "\(settings.directory): \(argv.joined(separator: " "))")
        guard !session.isDryRun else {
            session.log("dry run: command not run", ["command": "\(request)"])
            await session.recordAttempt(ActionAttempt(
                step: argv[0], startedAt: trigger.at, seconds: 0, outcome: .notSent, request: request, response: "not run (dry run)"))
            return ActionResult(target: target, message: "dry run: would run \(argv.joined(separator: " "))")
        }
        let started = Date().timeIntervalSince1970
        let clock = ContinuousClock.now
        let finished = try await Self.run(argv, in: settings.directory, environment: environment, timeout: settings.timeout)
        let tail = redactor.redact(finished.tail)
        let seconds = (ContinuousClock.now - clock).fractionalSeconds
        let status: String = finished.timedOut ? "stopped after the \(Int(settings.timeout)) s timeout" : "exit \(finished.exitCode)"
        await session.recordAttempt(ActionAttempt(
            step: argv[0], startedAt: started, seconds: seconds, outcome: finished.timedOut ? .timeout : finished.exitCode == 0 ? .ok : .refused,
            status: Int(finished.exitCode), request: request, response: "\(status)\n\(tail)"))
        target.details["exit_code"] = String(finished.exitCode)
        target.details["output_tail"] = tail
        target.details["seconds"] = String(format: "%.1f", seconds)
        guard !finished.timedOut, finished.exitCode == 0 else {
            let last = tail.split(separator: "\n").last.map { ": \($0)" } ?? ""
            throw ActionFailure("\(argv.joined(separator: " ")) \(status)\(last)", target: target)
        }
        return ActionResult(target: target, message: "\(argv.joined(separator: " ")) finished (exit 0) in \(String(format: "%.1f", seconds)) s")
    }

    /// The trigger's figures as `DRIFTWATCH_*` variables.
    static func environment(for run: ActionRun) -> [String: String] {
        var environment: [String: String] = ["DRIFTWATCH_ACTION": run.action, "DRIFTWATCH_RUN_ID": String(run.id)]
        for (name, value) in run.trigger.templateVariables where !name.hasSuffix("_seconds") {
            environment["DRIFTWATCH_" + name.uppercased()] = value
        }
        return environment
    }

    struct Finished: Sendable {
        var exitCode: Int32
        var timedOut: Bool
        var tail: String
    }

    /// Runs `argv` and waits for it, keeping the last lines of its combined output.
    static func run(_ argv: [String], in directory: String, environment: [String: String], timeout: Double) async throws(ActionFailure)
        -> Finished
    {
        guard let executable = locate(argv[0], environment: environment) else {
            throw ActionFailure("\(argv[0]): no such program on PATH")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ActionFailure("with.directory: \(directory) is not a directory")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = OutputTail()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exited.continuation.yield(process.terminationStatus)
            exited.continuation.finish()
        }
        do {
            try Self.withUnblockedSignals { try process.run() }
        } catch {
            throw ActionFailure("\(argv[0]) could not be started: \(error.localizedDescription)")
        }
        let timedOut = Mutex(false)
        let watchdog = Task {
            try await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
            timedOut.withLock { $0 = true }
            process.terminate()
            try await Task.sleep(for: .seconds(5))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        watchdog.cancel()
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        return Finished(exitCode: status, timedOut: timedOut.withLock { $0 }, tail: output.tail(lines: tailLines))
    }

    /// Runs `spawn` with the calling thread's signal mask emptied, then restores the mask.
    ///
    /// On Linux, Foundation's `Process` starts the child with the signal mask of the thread that
    /// calls `run()` (swift-corelibs-foundation issue 4772), and the Dispatch threads that run
    /// Swift tasks block nearly every signal. The command would start with SIGTERM blocked (and
    /// pass that on to its own children), so the timeout's SIGTERM would do nothing and only the
    /// SIGKILL 5 s later would stop it. Nothing else runs on the thread meanwhile; a signal that
    /// arrives in that moment is handled as on any thread that does not block it.
    private static func withUnblockedSignals<T>(_ spawn: () throws -> T) rethrows -> T {
        #if canImport(Glibc)
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        #endif
        return try spawn()
    }

    private static func locate(_ program: String, environment: [String: String]) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// An argument as a reader would type it (for the log; nothing is run through a shell).
    static func quoted(_ argument: String) -> String {
        argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,@+".contains($0) }) && !argument.isEmpty
            ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The last 64 KiB of a command's output.
final class OutputTail: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ data: Data) {
        guard !data.isEmpty else { return }
        bytes.withLock { buffer in
            buffer.append(contentsOf: data)
            if buffer.count > 65_536 { buffer.removeFirst(buffer.count - 65_536) }
        }
    }

    func tail(lines: Int) -> String {
        let text = String(decoding: bytes.withLock { $0 }, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
