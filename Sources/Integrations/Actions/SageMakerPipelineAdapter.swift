import Logging
import Monitoring

/// Starts a SageMaker pipeline execution (`StartPipelineExecution`) with parameters from the alert,
/// the run's idempotency token as `ClientRequestToken` (so a retried request starts one
/// execution), and a description naming the alert. The execution ARN is the run's target.
struct SageMakerPipelineAdapter: ActionAdapter {
    let settings: SageMakerPipelineSettings

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let trigger = session.run.trigger
        let pipeline = settings.pipeline.render(for: trigger)
        guard !pipeline.isEmpty else { throw ActionFailure("with.pipeline is empty for this alert") }
        let client = try SageMakerClient(connection: settings.connection, session: session)
        let body = StartPipelineExecution(
            PipelineName: pipeline, ClientRequestToken: IdempotencyToken.of(session.run),
            PipelineParameters: settings.parameters.map { Parameter(Name: $0.name, Value: $0.template.render(for: trigger)) },
            PipelineExecutionDisplayName: settings.displayName.map { $0.render(for: trigger) },
            PipelineExecutionDescription: SageMakerModelPackageAdapter.clip("driftwatch: \(MLflowRollbackAdapter.reason(trigger))"))
        var target = ActionTarget(system: "sagemaker", resource: "sagemaker \(settings.connection.region) pipeline \(pipeline)")
        guard let response = try await client.call("StartPipelineExecution", body, changes: true) else {
            return ActionResult(target: target, message: "dry run: would start pipeline \(pipeline)")
        }
        target.executionID = try JSONBodies.decode(Started.self, response, step: "StartPipelineExecution").PipelineExecutionArn
        return ActionResult(target: target, message: "started \(target.executionID ?? pipeline)")
    }

    // Field names are SageMaker's wire names.
    private struct Parameter: Encodable {
        let Name: String
        let Value: String
    }

    private struct StartPipelineExecution: Encodable {
        let PipelineName: String
        let ClientRequestToken: String
        let PipelineParameters: [Parameter]
        let PipelineExecutionDisplayName: String?
        let PipelineExecutionDescription: String
    }

    private struct Started: Decodable {
        let PipelineExecutionArn: String
    }
}
