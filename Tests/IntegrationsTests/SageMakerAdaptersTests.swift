import DriftwatchTestSupport
import Foundation
import Integrations
import Monitoring
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The SageMaker adapters against a real `moto_server` on loopback with signature checking on, so
/// the hand-written SigV4 signer is verified by botocore's: the registry and pipeline are made by
/// `Fixtures/moto/setup.py` and read back by `Fixtures/moto/inspect_state.py` (boto3, independent
/// of the adapters). One server serves one test whose sections run in order: a wrong secret and a
/// dry run first (both must leave the registry as setup.py made it), then the rollback and the
/// pipeline start.
@Suite(.timeLimit(.minutes(3))) struct SageMakerAdaptersTests {
    /// The package group is the trigger's model label, which the adapter takes by default.
    static let group = AdapterHarness.trigger().model
    static let pipeline = "fraud-retrain"
    static let region = "us-east-1"

    /// What setup.py made: the IAM user's key and the packages v1, v2, v3 (all Approved).
    struct Created: Decodable {
        let access_key_id: String
        let secret_access_key: String
        let packages: [String]
    }

    /// What inspect_state.py reads back.
    struct State: Decodable, Equatable {
        struct Package: Decodable, Equatable {
            let arn: String
            let status: String
            let description: String?
        }

        struct Execution: Decodable, Equatable {
            let arn: String
            let parameters: [String: String]
        }

        let packages: [Package]
        let executions: [Execution]
    }

    /// Runs one of the fixture scripts with the actions virtualenv's python and decodes its JSON.
    static func script<T: Decodable>(
        _ name: String, _ type: T.Type, endpoint: String, environment: [String: String] = [:]
    ) async throws -> T {
        let script = try #require(Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures/moto"))
        let run = try await ToolRun.run(
            try LoopbackService.tool("python"), [script.path, endpoint, region, group, pipeline], environment: environment)
        guard run.status == 0 else { throw TestSupportError("\(name).py exited with \(run.status):\n\(run.errors)") }
        return try JSONDecoder().decode(type, from: run.output)
    }

    @Test func rollbackAndRetrainAgainstMotoWithSignatureChecks() async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        let moto = try await LoopbackService.start(
            try LoopbackService.tool("moto_server"), ["-H", "127.0.0.1", "-p", "{port}"], readiness: "/moto-api/", in: scratch.url)
        defer { moto.stop() }
        let created = try await Self.script("setup", Created.self, endpoint: moto.baseURL)
        try #require(created.packages.count == 3)
        let (v1, v2, v3) = (created.packages[0], created.packages[1], created.packages[2])

        // Signature checking on: from now on moto recomputes every request's signature.
        var reset = URLRequest(url: try #require(URL(string: moto.baseURL + "/moto-api/reset-auth")))
        reset.httpMethod = "POST"
        reset.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        reset.httpBody = Data("0".utf8)
        let (_, resetResponse) = try await URLSession.shared.data(for: reset)
        try #require((resetResponse as? HTTPURLResponse)?.statusCode == 200)

        let keys = ["TEST_AK": created.access_key_id, "TEST_SK": created.secret_access_key]
        let inspect = { () async throws -> State in
            try await Self.script(
                "inspect_state", State.self, endpoint: moto.baseURL,
                environment: ["AWS_ACCESS_KEY_ID": created.access_key_id, "AWS_SECRET_ACCESS_KEY": created.secret_access_key])
        }
        let untouched = try await inspect()
        #expect(untouched.packages.map(\.arn) == created.packages)
        #expect(untouched.packages.allSatisfy { $0.status == "Approved" && $0.description == nil })
        #expect(untouched.executions.isEmpty)

        let rollbackSettings: [String: ActionSetting] = [
            "region": .text(Self.region), "endpoint": .text(moto.baseURL),
            "access_key_id": .mapping(["env": .text("TEST_AK")]), "secret_access_key": .mapping(["env": .text("TEST_SK")]),
        ]
        let rollback = try AdapterHarness.definition(.sagemakerModelPackage, kind: .rollback, rollbackSettings)

        // A wrong secret: moto's verifier refuses the signature (403, as XML), which is not retried,
        // and the wrong secret stays out of everything recorded.
        let wrongSecret = "wrong-\(UUID().uuidString)"
        let refused = await AdapterHarness().run(rollback, environment: ["TEST_AK": created.access_key_id, "TEST_SK": wrongSecret])
        #expect(refused.result == nil)
        let refusal = try #require(refused.failure)
        #expect(refusal.message.contains("SignatureDoesNotMatch") || refused.attempts.contains { $0.response.contains("SignatureDoesNotMatch") })
        #expect(refused.attempts.count == 1)
        #expect(refused.attempts.first?.step == "ListModelPackages" && refused.attempts.first?.status == 403)
        #expect(refused.attempts.first?.outcome == .refused)
        #expect(!refused.recorded.contains(wrongSecret))
        #expect(try await inspect() == untouched)

        // A dry run reads the group (a signed, accepted request) and records both updates unsent.
        let rehearsalDefinition = try AdapterHarness.definition(.sagemakerModelPackage, kind: .rollback, rollbackSettings, dryRun: true)
        let rehearsal = await AdapterHarness().run(rehearsalDefinition, environment: keys)
        #expect(rehearsal.failure == nil, "\(rehearsal.failure?.message ?? "")")
        #expect(rehearsal.attempts.map(\.step) == ["ListModelPackages", "UpdateModelPackage", "UpdateModelPackage"])
        #expect(rehearsal.attempts.map(\.outcome) == [.ok, .notSent, .notSent])
        #expect(rehearsal.attempts.first?.status == 200)
        if rehearsal.attempts.count == 3 {
            #expect(rehearsal.attempts[1].request.contains(v3) && rehearsal.attempts[1].request.contains("\"Rejected\""))
            #expect(rehearsal.attempts[2].request.contains(v2) && rehearsal.attempts[2].request.contains("\"Approved\""))
        }
        #expect(rehearsal.result?.target.before == v3 && rehearsal.result?.target.after == v2)
        #expect(!rehearsal.recorded.contains(created.secret_access_key))
        #expect(try await inspect() == untouched)

        // The rollback: v3 (newest Approved) is rejected naming the rule, v2 approved again.
        let rolledBack = await AdapterHarness().run(rollback, environment: keys)
        #expect(rolledBack.failure == nil, "\(rolledBack.failure?.message ?? "")")
        let target = try #require(rolledBack.result?.target)
        #expect(target.system == "sagemaker" && target.before == v3 && target.after == v2)
        #expect(rolledBack.attempts.map(\.step) == ["ListModelPackages", "UpdateModelPackage", "UpdateModelPackage"])
        #expect(rolledBack.attempts.allSatisfy { $0.outcome == .ok && $0.status == 200 })
        #expect(!rolledBack.recorded.contains(created.secret_access_key))
        let afterRollback = try await inspect()
        let byARN = Dictionary(afterRollback.packages.map { ($0.arn, $0) }) { first, _ in first }
        let rule = AdapterHarness.trigger().rule
        #expect(byARN[v3]?.status == "Rejected")
        #expect(byARN[v3]?.description?.contains(rule) == true, "\(byARN[v3]?.description ?? "no description")")
        #expect(byARN[v2]?.status == "Approved")
        #expect(byARN[v2]?.description?.contains(v3) == true, "\(byARN[v2]?.description ?? "no description")")
        #expect(byARN[v1] == untouched.packages.first { $0.arn == v1 })
        #expect(afterRollback.executions.isEmpty)

        // The retraining pipeline, with the default credential variables AWS's tools read.
        let pipelineSettings: [String: ActionSetting] = [
            "region": .text(Self.region), "endpoint": .text(moto.baseURL), "pipeline": .text(Self.pipeline),
            "parameters": .mapping([
                "ModelName": .text("{{ $labels.model }}"), "DriftShare": .text("{{ $trigger.drift_share }}"),
                "WindowEnd": .text("{{ $trigger.window_end }}"),
            ]),
        ]
        let retrain = try AdapterHarness.definition(.sagemakerPipeline, kind: .retrain, pipelineSettings)
        let started = await AdapterHarness().run(
            retrain,
            environment: ["AWS_ACCESS_KEY_ID": created.access_key_id, "AWS_SECRET_ACCESS_KEY": created.secret_access_key])
        #expect(started.failure == nil, "\(started.failure?.message ?? "")")
        #expect(started.attempts.map(\.step) == ["StartPipelineExecution"])
        #expect(!started.recorded.contains(created.secret_access_key))
        let state = try await inspect()
        #expect(state.packages == afterRollback.packages)
        try #require(state.executions.count == 1)
        let execution = state.executions[0]
        #expect(started.result?.target.executionID == execution.arn)
        let trigger = AdapterHarness.trigger()
        let windowEnd = try #require(trigger.windowEnd)
        let driftShare = try #require(trigger.driftShare)
        #expect(execution.parameters == ["ModelName": trigger.model, "DriftShare": "\(driftShare)", "WindowEnd": RFC3339Text.of(windowEnd)])
        // The window end travels as RFC 3339 and means the same instant.
        let rfc3339 = ISO8601DateFormatter()
        rfc3339.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(execution.parameters["WindowEnd"].flatMap { rfc3339.date(from: $0) }?.timeIntervalSince1970 == windowEnd)
    }
}

/// A child process run to completion on a dispatch thread (not the test's): its exit status,
/// standard output, and standard error as text.
struct ToolRun: Sendable {
    var status: Int32
    var output: Data
    var errors: String

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> ToolRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
                if let directory { process.currentDirectoryURL = directory }
                process.standardInput = FileHandle.nullDevice
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                // Both pipes are drained at once, so neither can fill up and stall the child.
                let errorText = Mutex(Data())
                let errorHandle = errors.fileHandleForReading
                let drained = DispatchGroup()
                DispatchQueue.global().async(group: drained) {
                    let data = errorHandle.readDataToEndOfFile()
                    errorText.withLock { $0 = data }
                }
                let data = output.fileHandleForReading.readDataToEndOfFile()
                drained.wait()
                process.waitUntilExit()
                continuation.resume(returning: ToolRun(
                    status: process.terminationStatus, output: data, errors: String(decoding: errorText.withLock { $0 }, as: UTF8.self)))
            }
        }
    }
}
