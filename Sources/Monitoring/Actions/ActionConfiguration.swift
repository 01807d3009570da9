/// An action's adapter with its typed settings, read from the `with:` mapping by
/// ``init(adapter:settings:)``.
public enum ActionConfiguration: Sendable, Equatable {
    case mlflowAlias(MLflowRegistrySettings)
    case mlflowStage(MLflowRegistrySettings)
    case sagemakerModelPackage(SageMakerModelPackageSettings)
    case sagemakerPipeline(SageMakerPipelineSettings)
    case command(CommandSettings)
    case githubWorkflow(GitHubWorkflowSettings)
    case webhook(WebhookSettings)

    /// Reads `settings` for `adapter`.
    /// - Throws: the first setting that is unknown to the adapter, missing or of the wrong shape.
    public init(adapter: ActionDefinition.Adapter, settings: [String: ActionSetting]) throws(ActionSettingsError) {
        switch adapter {
        case .mlflowAlias: self = .mlflowAlias(try MLflowRegistrySettings(settings))
        case .mlflowStage: self = .mlflowStage(try MLflowRegistrySettings(settings))
        case .sagemakerModelPackage: self = .sagemakerModelPackage(try SageMakerModelPackageSettings(settings))
        case .sagemakerPipeline: self = .sagemakerPipeline(try SageMakerPipelineSettings(settings))
        case .command: self = .command(try CommandSettings(settings))
        case .githubWorkflow: self = .githubWorkflow(try GitHubWorkflowSettings(settings))
        case .webhook: self = .webhook(try WebhookSettings(settings))
        }
    }

    /// The kinds an adapter can serve: registries roll back, pipelines retrain, and the generic
    /// adapters do either.
    public static func kinds(of adapter: ActionDefinition.Adapter) -> Set<ActionDefinition.Kind> {
        switch adapter {
        case .mlflowAlias, .mlflowStage, .sagemakerModelPackage: [.rollback]
        case .sagemakerPipeline, .githubWorkflow: [.retrain]
        case .command, .webhook: [.retrain, .rollback]
        }
    }
}
