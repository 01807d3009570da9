import Monitoring

/// What an adapter did: the target it changed or started, and a sentence for the audit log.
public struct ActionResult: Sendable, Equatable {
    public var target: ActionTarget
    public var message: String

    public init(target: ActionTarget, message: String) {
        self.target = target
        self.message = message
    }
}

/// Carries out one run of an action against an external system, through the session (which
/// retries, records and honours dry runs). `previousTarget` answers the target of the last run
/// that succeeded on a resource, which rollbacks use to find the previous good version.
public protocol ActionAdapter: Sendable {
    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult
}

/// The adapter for an action's configuration.
public enum ActionAdapters {
    public static func adapter(for configuration: ActionConfiguration) -> any ActionAdapter {
        switch configuration {
        case .mlflowAlias(let settings): MLflowRollbackAdapter(settings: settings, mode: .alias)
        case .mlflowStage(let settings): MLflowRollbackAdapter(settings: settings, mode: .stage)
        case .sagemakerModelPackage(let settings): SageMakerModelPackageAdapter(settings: settings)
        case .sagemakerPipeline(let settings): SageMakerPipelineAdapter(settings: settings)
        case .command(let settings): CommandAdapter(settings: settings)
        case .githubWorkflow(let settings): GitHubWorkflowAdapter(settings: settings)
        case .webhook(let settings): WebhookAdapter(settings: settings)
        }
    }
}
