import Logging
import Monitoring

/// Starts a GitHub Actions workflow (`POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches`,
/// REST API version 2022-11-28) with the alert's inputs. GitHub answers 204 with no run id
/// (or 200 with `workflow_run_id` when asked to return run details), so the target records the
/// dispatch and, when given, the run id.
struct GitHubWorkflowAdapter: ActionAdapter {
    let settings: GitHubWorkflowSettings

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let trigger = session.run.trigger
        let token = try session.secrets.value(of: settings.token, for: "with.token")
        let ref = settings.ref.render(for: trigger)
        let inputs = Dictionary(settings.inputs.map { ($0.name, $0.template.render(for: trigger)) }) { first, _ in first }
        let url = "\(settings.apiURL)/repos/\(settings.repository)/actions/workflows/\(JSONBodies.queryValue(settings.workflow))/dispatches"
        let request = HTTPExchange.Request(
            method: "POST", url: url,
            headers: [
                ("Accept", "application/vnd.github+json"), ("Authorization", "Bearer \(token)"), ("X-GitHub-Api-Version", "2022-11-28"),
                ("Content-Type", "application/json"), ("User-Agent", "driftwatch"),
            ],
            body: JSONBodies.encode(Dispatch(ref: ref, inputs: inputs)))
        var target = ActionTarget(system: "github", resource: "\(settings.repository) \(settings.workflow)@\(ref)")
        guard let response = try await session.change("dispatch workflow", request) else {
            return ActionResult(target: target, message: "dry run: would dispatch \(settings.workflow) of \(settings.repository) on \(ref)")
        }
        if let run = try? JSONBodies.decode(RunDetails.self, response, step: "dispatch workflow").workflowRunID {
            target.executionID = String(run)
        }
        return ActionResult(target: target, message: "dispatched \(settings.workflow) of \(settings.repository) on \(ref)")
    }

    private struct Dispatch: Encodable {
        let ref: String
        let inputs: [String: String]
    }

    private struct RunDetails: Decodable {
        let workflowRunID: Int64?
        enum CodingKeys: String, CodingKey { case workflowRunID = "workflow_run_id" }
    }
}
