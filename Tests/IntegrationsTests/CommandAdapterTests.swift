import DriftwatchTestSupport
import Foundation
import Integrations
import Monitoring
import Testing

/// The `command` adapter running real programs: `dvc repro` of the one-stage pipeline in
/// `Fixtures/dvc-project` (copied into a scratch directory and `dvc init --no-scm`-ed there), a
/// failing command, a timeout, a dry run, and arguments that a shell would have executed.
@Suite(.timeLimit(.minutes(3))) struct CommandAdapterTests {
    /// The actions virtualenv's `bin`, first on `PATH`: `dvc` is found there, and so is the
    /// `python` its stage runs.
    static func toolPath() throws -> String {
        let bin = URL(fileURLWithPath: try LoopbackService.tool("dvc")).deletingLastPathComponent().path
        return bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// A fresh copy of the fixture project, initialised as a DVC project without git.
    static func project(in scratch: ScratchDirectory) async throws -> URL {
        let fixture = try #require(Bundle.module.url(forResource: "dvc-project", withExtension: nil, subdirectory: "Fixtures"))
        let project = scratch.url.appendingPathComponent("project")
        try FileManager.default.copyItem(at: fixture, to: project)
        let initialised = try await ToolRun.run(
            try LoopbackService.tool("dvc"), ["init", "--no-scm", "-q"], environment: ["DVC_NO_ANALYTICS": "1"], in: project)
        guard initialised.status == 0 else { throw TestSupportError("dvc init exited with \(initialised.status):\n\(initialised.errors)") }
        return project
    }

    static func command(
        _ argv: [String], in directory: URL, timeout: String = "2m", environment: [String: String] = [:], dryRun: Bool = false
    ) throws -> ActionDefinition {
        var settings: [String: ActionSetting] = [
            "argv": .list(argv.map { .text($0) }), "directory": .text(directory.path), "timeout": .text(timeout),
        ]
        if !environment.isEmpty { settings["environment"] = .mapping(environment.mapValues { .text($0) }) }
        return try AdapterHarness.definition(.command, kind: .retrain, settings, dryRun: dryRun)
    }

    static func exists(_ directory: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path)
    }

    @Test func dvcReproRunsTheStageWithTheAlertInItsEnvironment() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let project = try await Self.project(in: scratch)
        let definition = try Self.command(
            ["dvc", "repro"], in: project, environment: ["PATH": try Self.toolPath(), "DVC_NO_ANALYTICS": "1"])

        let outcome = await AdapterHarness().run(definition)

        #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
        #expect(outcome.attempts.count == 1)
        let attempt = try #require(outcome.attempts.first)
        #expect(attempt.outcome == .ok && attempt.status == 0)
        #expect(attempt.request.contains("dvc repro") && attempt.request.contains("DRIFTWATCH_MODEL"))
        let target = try #require(outcome.result?.target)
        #expect(target.system == "command" && target.details["exit_code"] == "0")
        #expect(target.details["output_tail"]?.contains("Running stage 'train'") == true)
        #expect(Self.exists(project, "dvc.lock"))

        // train.py wrote the stage's parameters and the alert the adapter put in its environment.
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: project.appendingPathComponent("model/model.json")))
        let written = try #require(model as? [String: Any])
        let trigger = AdapterHarness.trigger()
        #expect(written["model"] as? String == trigger.model)
        #expect(written["drift_share"] as? String == trigger.templateVariables["drift_share"])
        #expect(trigger.templateVariables["drift_share"] == "\(try #require(trigger.driftShare))")
        // params.yaml is JSON (also YAML), so it is read here as train.py reads it.
        let paramsText = try String(contentsOf: project.appendingPathComponent("params.yaml"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let params = try #require(try JSONSerialization.jsonObject(with: Data(paramsText.utf8)) as? [String: Any])
        let trainParams = try #require(params["train"] as? NSDictionary)
        #expect((written["params"] as? NSDictionary)?.isEqual(trainParams) == true)
    }

    @Test func aNonZeroExitFailsOnceWithItsCodeAndOutput() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let python = try LoopbackService.tool("python")
        let definition = try Self.command([python, "-c", "import sys; print('boom'); sys.exit(3)"], in: scratch.url)

        let outcome = await AdapterHarness().run(definition)

        #expect(outcome.result == nil)
        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("exit 3"), "\(failure.message)")
        #expect(failure.target?.details["exit_code"] == "3")
        #expect(definition.retries > 0)
        #expect(outcome.attempts.count == 1)
        let attempt = try #require(outcome.attempts.first)
        #expect(attempt.outcome == .refused && attempt.status == 3)
        #expect(attempt.response.contains("boom"))
    }

    @Test func aCommandPastItsTimeoutIsStopped() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let definition = try Self.command(["sleep", "30"], in: scratch.url, timeout: "1s")

        let outcome = await AdapterHarness().run(definition)

        #expect(outcome.result == nil)
        let failure = try #require(outcome.failure)
        #expect(failure.message.contains("timeout"), "\(failure.message)")
        #expect(outcome.attempts.count == 1)
        let attempt = try #require(outcome.attempts.first)
        #expect(attempt.outcome == .timeout)
        // SIGTERM stops it at the timeout; the SIGKILL that follows 5 s later is not needed.
        #expect(attempt.seconds >= 1 && attempt.seconds < 5, "stopped after \(attempt.seconds) s")
    }

    /// A command started from a Swift task must not inherit the Dispatch thread's blocked
    /// signals, or SIGTERM (the timeout's, an operator's) would not reach it.
    @Test func aCommandStartsWithNoSignalBlocked() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let definition = try Self.command(["grep", "^SigBlk:", "/proc/self/status"], in: scratch.url)

        let outcome = await AdapterHarness().run(definition)

        #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
        let blocked = try #require(outcome.result?.target.details["output_tail"])
        #expect(blocked.wholeMatch(of: /SigBlk:\s+0+/) != nil, "\(blocked)")
    }

    @Test func aDryRunRecordsTheCommandAndRunsNothing() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let project = try await Self.project(in: scratch)
        let definition = try Self.command(
            ["dvc", "repro"], in: project, environment: ["PATH": try Self.toolPath(), "DVC_NO_ANALYTICS": "1"], dryRun: true)

        let outcome = await AdapterHarness().run(definition)

        #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
        #expect(outcome.attempts.map(\.outcome) == [.notSent])
        #expect(outcome.attempts.first?.request.contains("dvc repro") == true)
        #expect(outcome.result?.target.details["exit_code"] == nil)
        #expect(!Self.exists(project, "model/model.json"))
        #expect(!Self.exists(project, "dvc.lock"))
    }

    @Test func argumentsAndLabelsReachTheProgramLiterallyNeverAShell() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let injected = ["; touch pwned-semicolon", "$(touch pwned-substitution)", "`touch pwned-backquote`", "| touch pwned-pipe"]
        let label = "x && touch pwned-label"
        let definition = try Self.command(["echo"] + injected + ["{{ $labels.model }}"], in: scratch.url)

        let outcome = await AdapterHarness().run(definition, trigger: AdapterHarness.trigger(model: label))

        #expect(outcome.failure == nil, "\(outcome.failure?.message ?? "")")
        #expect(outcome.result?.target.details["output_tail"] == (injected + [label]).joined(separator: " "))
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        #expect(!files.contains { $0.hasPrefix("pwned") }, "\(files)")
    }
}
