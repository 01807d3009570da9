import Foundation
import Logging
import Monitoring

/// Rolls an MLflow Model Registry back (REST API 2.0): finds the version in production — behind
/// the alias (`mlflow-alias`, MLflow 2.3+) or in the stage (`mlflow-stage`, the deprecated stages)
/// — chooses the previous good version, moves production to it in one call, and tags both
/// versions with the reason and the alert (MLflow keeps no alias history of its own).
///
/// The previous good version is the one driftwatch itself put in production by its last rollback
/// of this alias or stage, when production has moved on since (a new release replaced it); else
/// the highest lower version that passes `version_filter` (for example
/// `tags.validation_status='approved'`).
struct MLflowRollbackAdapter: ActionAdapter {
    enum Mode: Sendable {
        case alias, stage
    }

    let settings: MLflowRegistrySettings
    let mode: Mode

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let trigger = session.run.trigger
        let model = settings.registeredModel.render(for: trigger)
        guard !model.isEmpty else { throw ActionFailure("with.model: the registered model's name is empty for this alert") }
        let headers = try authorization(session)
        let pointer = mode == .alias ? "alias '\(settings.alias)'" : "stage '\(settings.stage)'"
        let resource = "\(settings.trackingURI) \(model)" + (mode == .alias ? "@\(settings.alias)" : "#\(settings.stage)")

        let current = try await currentVersion(model: model, headers: headers, session)
        var target = ActionTarget(system: "mlflow", resource: resource, before: current)
        let previous: String
        if let recorded = await previousTarget(resource)?.after, recorded != current,
            try await versionExists(model: model, version: recorded, headers: headers, session)
        {
            previous = recorded
            target.details["chosen_by"] = "the version driftwatch put in production before the last change"
        } else {
            previous = try await highestEarlierVersion(model: model, below: current, headers: headers, session)
            target.details["chosen_by"] = settings.versionFilter.map { "the highest earlier version passing \($0)" }
                ?? "the highest earlier version"
        }
        target.after = previous

        let reason = Self.reason(trigger)
        do {
            switch mode {
            case .alias:
                _ = try await session.change(
                    "set alias", request("POST", "registered-models/alias", ["name": model, "alias": settings.alias, "version": previous], headers))
            case .stage:
                let body: [String: MLflowValue] = [
                    "name": .text(model), "version": .text(previous), "stage": .text(settings.stage),
                    "archive_existing_versions": .flag(settings.archiveExistingVersions),
                ]
                _ = try await session.change("transition stage", request("POST", "model-versions/transition-stage", body, headers))
            }
            let at = RFC3339Text.of(trigger.at)
            let tags: [(String, String, String)] = [
                (current, "driftwatch.rollback_reason", reason), (current, "driftwatch.rolled_back_at", at),
                (current, "driftwatch.rolled_back_to", previous),
                (previous, "driftwatch.promoted_by", "rollback from version \(current): \(reason)"), (previous, "driftwatch.promoted_at", at),
            ]
            for (version, key, value) in tags {
                _ = try await session.change(
                    "tag version \(version)",
                    request("POST", "model-versions/set-tag", ["name": model, "version": version, "key": key, "value": value], headers))
            }
        } catch {
            var failure = error
            failure.target = target
            throw failure
        }
        let verb = session.isDryRun ? "would move" : "moved"
        return ActionResult(target: target, message: "\(verb) \(pointer) of \(model) from version \(current) to \(previous)")
    }

    /// The version behind the alias or in the stage.
    private func currentVersion(model: String, headers: [(String, String)], _ session: ActionSession) async throws(ActionFailure)
        -> String
    {
        switch mode {
        case .alias:
            let path = "registered-models/alias?name=\(JSONBodies.queryValue(model))&alias=\(JSONBodies.queryValue(settings.alias))"
            do {
                let response = try await session.read("get alias", request("GET", path, [String: String]?.none, headers))
                return try JSONBodies.decode(VersionAnswer.self, response, step: "get alias").modelVersion.version
            } catch {
                // MLflow answers 400 INVALID_PARAMETER_VALUE (not 404) for an alias that is not set.
                if error.message.contains("INVALID_PARAMETER_VALUE") {
                    throw ActionFailure("\(model) has no alias '\(settings.alias)' in \(settings.trackingURI): nothing to roll back")
                }
                throw error
            }
        case .stage:
            let body: [String: MLflowValue] = ["name": .text(model), "stages": .list([settings.stage])]
            let response = try await session.read("get latest versions", request("POST", "registered-models/get-latest-versions", body, headers))
            let versions = try JSONBodies.decode(VersionsAnswer.self, response, step: "get latest versions").modelVersions ?? []
            guard let version = versions.first?.version else {
                throw ActionFailure("\(model) has no version in stage '\(settings.stage)' in \(settings.trackingURI): nothing to roll back")
            }
            return version
        }
    }

    private func versionExists(model: String, version: String, headers: [(String, String)], _ session: ActionSession)
        async throws(ActionFailure) -> Bool
    {
        let path = "model-versions/get?name=\(JSONBodies.queryValue(model))&version=\(JSONBodies.queryValue(version))"
        do {
            _ = try await session.read("get version \(version)", request("GET", path, [String: String]?.none, headers))
            return true
        } catch {
            if error.message.contains("RESOURCE_DOES_NOT_EXIST") { return false }
            throw error
        }
    }

    private func highestEarlierVersion(model: String, below current: String, headers: [(String, String)], _ session: ActionSession)
        async throws(ActionFailure) -> String
    {
        guard let number = Int(current) else { throw ActionFailure("\(model): version '\(current)' is not a number") }
        let escaped = model.replacingOccurrences(of: "'", with: "\\'")
        var filter = "name='\(escaped)' and version_number < \(number)"
        if let extra = settings.versionFilter { filter += " and \(extra)" }
        let path = "model-versions/search?filter=\(JSONBodies.queryValue(filter))"
            + "&order_by=\(JSONBodies.queryValue("version_number DESC"))&max_results=1"
        let response = try await session.read("search versions", request("GET", path, [String: String]?.none, headers))
        guard let version = try JSONBodies.decode(VersionsAnswer.self, response, step: "search versions").modelVersions?.first?.version
        else {
            throw ActionFailure(
                "\(model): no version below \(current)\(settings.versionFilter.map { " passes \($0)" } ?? "") to roll back to")
        }
        return version
    }

    private func authorization(_ session: ActionSession) throws(ActionFailure) -> [(String, String)] {
        guard let username = settings.username, let source = settings.password else { return [] }
        let password = try session.secrets.value(of: source, for: "with.password")
        return [("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())]
    }

    private func request(_ method: String, _ path: String, _ body: (some Encodable)?, _ headers: [(String, String)])
        -> HTTPExchange.Request
    {
        var all = headers
        var bytes: [UInt8] = []
        if let body {
            all.append(("Content-Type", "application/json"))
            bytes = JSONBodies.encode(body)
        }
        return HTTPExchange.Request(method: method, url: "\(settings.trackingURI)/api/2.0/mlflow/\(path)", headers: all, body: bytes)
    }

    /// The reason tagged on the versions: the rule and the alert's summary (or its value).
    static func reason(_ trigger: ActionTrigger) -> String {
        let summary = trigger.annotations["summary"] ?? "value \(PrometheusNumber.text(trigger.value))"
        return "\(trigger.rule) fired at \(RFC3339Text.of(trigger.firedAt)): \(summary)"
    }

    private struct VersionAnswer: Decodable {
        struct Version: Decodable {
            let version: String
        }

        let modelVersion: Version
        enum CodingKeys: String, CodingKey { case modelVersion = "model_version" }
    }

    private struct VersionsAnswer: Decodable {
        let modelVersions: [VersionAnswer.Version]?
        enum CodingKeys: String, CodingKey { case modelVersions = "model_versions" }
    }
}
