import DriftwatchTestSupport
import Foundation
import Integrations
import Monitoring
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The MLflow rollback adapters against a real `mlflow server` on loopback with MLflow's basic
/// auth on (it takes up to a minute to start on two cores): the alias moves back, both versions
/// are tagged, driftwatch's own record wins over the tag filter, a dry run changes nothing, the
/// stage adapter transitions and archives, a wrong password fails once with the 401, and the
/// password is never recorded or logged.
@Suite(.timeLimit(.minutes(5))) struct MLflowRollbackAdapterTests {
    /// A thin client for setting the registry up and reading it back, independent of the adapter.
    struct Registry {
        let base: String
        let authorization: String

        @discardableResult
        func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
            var request = URLRequest(url: try #require(URL(string: "\(base)/api/2.0/mlflow/\(path)")))
            request.httpMethod = method
            request.setValue(authorization, forHTTPHeaderField: "Authorization")
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 200 else { throw TestSupportError("\(method) \(path): HTTP \(status) \(String(decoding: data, as: UTF8.self))") }
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }

        func createVersion(_ model: String, approved: Bool) async throws -> String {
            let tags: [[String: String]] = [["key": "validation_status", "value": approved ? "approved" : "pending"]]
            let answer = try await call("POST", "model-versions/create", ["name": model, "source": "s3://bucket/models/\(model)", "tags": tags])
            return try #require((answer["model_version"] as? [String: Any])?["version"] as? String)
        }

        func champion(_ model: String) async throws -> String {
            let answer = try await call("GET", "registered-models/alias?name=\(model)&alias=champion")
            return try #require((answer["model_version"] as? [String: Any])?["version"] as? String)
        }

        func version(_ model: String, _ version: String) async throws -> [String: Any] {
            try #require(try await call("GET", "model-versions/get?name=\(model)&version=\(version)")["model_version"] as? [String: Any])
        }

        func tags(_ model: String, _ version: String) async throws -> [String: String] {
            let list = try await self.version(model, version)["tags"] as? [[String: String]] ?? []
            return Dictionary(list.compactMap { tag in tag["key"].flatMap { key in tag["value"].map { (key, $0) } } }) { first, _ in first }
        }
    }

    @Test func rollsTheChampionAliasBackAndTagsBothVersions() async throws {
        let scratch = try ScratchDirectory()
        let password = "registry-pass-7d1e4b90"
        let authConfig = scratch.url.appendingPathComponent("auth.ini")
        try Data("""
            [mlflow]
            default_permission = READ
            database_uri = sqlite:///\(scratch.url.path)/auth.db
            admin_username = admin
            authorization_function = mlflow.server.auth:authenticate_request_basic_auth

            """.utf8).write(to: authConfig)
        let mlflow = try await LoopbackService.start(
            try LoopbackService.tool("mlflow"),
            [
                "server", "--app-name", "basic-auth", "--backend-store-uri", "sqlite:///\(scratch.url.path)/mlflow.db",
                "--default-artifact-root", "\(scratch.url.path)/artifacts", "--host", "127.0.0.1", "--port", "{port}", "--workers", "1",
            ],
            readiness: "/health",
            environment: [
                "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false", "MLFLOW_DISABLE_TELEMETRY": "true",
                "MLFLOW_AUTH_CONFIG_PATH": authConfig.path, "MLFLOW_AUTH_ADMIN_PASSWORD": password,
                "MLFLOW_FLASK_SERVER_SECRET_KEY": "csrf-key-for-the-test",
            ],
            in: scratch.url)
        defer { mlflow.stop() }
        let registry = Registry(base: mlflow.baseURL, authorization: "Basic " + Data("admin:\(password)".utf8).base64EncodedString())
        let environment = ["MLFLOW_TRACKING_PASSWORD": password]
        let model = "fraud-detector"
        try await registry.call("POST", "registered-models/create", ["name": model])
        let v1 = try await registry.createVersion(model, approved: true)
        let v2 = try await registry.createVersion(model, approved: true)
        let v3 = try await registry.createVersion(model, approved: false)
        let v4 = try await registry.createVersion(model, approved: true)
        try await registry.call("POST", "registered-models/alias", ["name": model, "alias": "champion", "version": v4])

        let settings: [String: ActionSetting] = [
            "tracking_uri": .text(mlflow.baseURL), "version_filter": .text("tags.validation_status='approved'"),
            "username": .text("admin"), "password": .mapping(["env": .text("MLFLOW_TRACKING_PASSWORD")]),
        ]
        let definition = try AdapterHarness.definition(.mlflowAlias, kind: .rollback, settings)

        // A dry run reads the registry and changes nothing.
        let rehearsal = await AdapterHarness().run(definition, dryRun: true, environment: environment)
        #expect(rehearsal.failure == nil, "\(rehearsal.failure?.message ?? "")")
        #expect(rehearsal.result?.target.before == v4 && rehearsal.result?.target.after == v2)
        #expect(rehearsal.attempts.filter { $0.outcome == .notSent }.map(\.step).first == "set alias")
        #expect(try await registry.champion(model) == v4)

        // v3 is not approved, so the rollback skips it for v2, and tags v4 and v2.
        let rollback = await AdapterHarness().run(definition, environment: environment)
        #expect(rollback.failure == nil, "\(rollback.failure?.message ?? "")")
        let target = try #require(rollback.result?.target)
        #expect(target.before == v4 && target.after == v2 && target.resource == "\(mlflow.baseURL) \(model)@champion")
        #expect(try await registry.champion(model) == v2)
        let rejected = try await registry.tags(model, v4)
        #expect(rejected["driftwatch.rollback_reason"]?.contains("DriftHigh fired at") == true)
        #expect(rejected["driftwatch.rollback_reason"]?.contains("fraud-detector: 60% of features drifted") == true)
        #expect(rejected["driftwatch.rolled_back_to"] == v2)
        #expect(try await registry.tags(model, v2)["driftwatch.promoted_by"]?.hasPrefix("rollback from version \(v4)") == true)

        // A new release moves champion to v5; a later alert goes back to the version driftwatch
        // put in production (v2), not to the highest approved one below v5 (v4, rolled back).
        let v5 = try await registry.createVersion(model, approved: true)
        try await registry.call("POST", "registered-models/alias", ["name": model, "alias": "champion", "version": v5])
        let again = await AdapterHarness().run(definition, environment: environment) { resource in resource == target.resource ? target : nil }
        #expect(again.result?.target.after == v2 && again.result?.target.details["chosen_by"]?.contains("driftwatch") == true)
        #expect(try await registry.champion(model) == v2)

        // Without a record, the filter alone picks v4 from v5.
        try await registry.call("POST", "registered-models/alias", ["name": model, "alias": "champion", "version": v5])
        let byFilter = await AdapterHarness().run(definition, environment: environment)
        #expect(byFilter.result?.target.after == v4)
        _ = v1
        _ = v3

        // Nothing to roll back: an unset alias is named, not a raw 400.
        let missing = try AdapterHarness.definition(
            .mlflowAlias, kind: .rollback, settings.merging(["alias": .text("production")]) { _, new in new }, retries: 0)
        let unset = await AdapterHarness().run(missing, environment: environment)
        #expect(unset.failure?.message.contains("has no alias 'production'") == true, "\(unset.failure?.message ?? "")")

        // The stage adapter: v5 in Production goes back to v4 and v5 is archived.
        try await registry.call("POST", "model-versions/transition-stage", ["name": model, "version": v5, "stage": "Production", "archive_existing_versions": true])
        let stage = try AdapterHarness.definition(.mlflowStage, kind: .rollback, settings)
        let staged = await AdapterHarness().run(stage, environment: environment)
        #expect(staged.failure == nil, "\(staged.failure?.message ?? "")")
        #expect(staged.result?.target.before == v5 && staged.result?.target.after == v4)
        #expect(try await registry.version(model, v4)["current_stage"] as? String == "Production")
        #expect(try await registry.version(model, v5)["current_stage"] as? String == "Archived")
        for outcome in [rehearsal, rollback, again, byFilter, unset, staged] { #expect(!outcome.recorded.contains(password)) }

        // A wrong password is refused with 401, which is not retried, and is not recorded either.
        let wrong = "wrong-pass-3c5a"
        let refused = await AdapterHarness().run(definition, environment: ["MLFLOW_TRACKING_PASSWORD": wrong])
        #expect(refused.failure?.message.contains("failed after 1 attempt: HTTP 401") == true, "\(refused.failure?.message ?? "")")
        #expect(refused.attempts.map(\.status) == [401] && !refused.recorded.contains(wrong))
        #expect(refused.attempts.first?.request.contains("Authorization: [redacted]") == true)
        #expect(try await registry.version(model, v4)["current_stage"] as? String == "Production")
    }
}
