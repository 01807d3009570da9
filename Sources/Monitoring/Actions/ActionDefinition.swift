/// An action of a detector file: what a rule's alert triggers when it starts firing (and, with
/// `on_resolved`, when it is resolved), through which adapter, and under which policy (cooldown,
/// concurrency, approval, retries, dry run). See ``ActionPolicy`` and ``ActionConfiguration``.
public struct ActionDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case retrain, rollback
    }

    public enum Adapter: String, Sendable, Codable, CaseIterable {
        case sagemakerPipeline = "sagemaker-pipeline"
        case githubWorkflow = "github-workflow"
        case webhook
        case command
        case mlflowAlias = "mlflow-alias"
        case mlflowStage = "mlflow-stage"
        case sagemakerModelPackage = "sagemaker-model-package"
    }

    public enum Approval: String, Sendable, CaseIterable {
        case none, manual
    }

    public var name: String
    public var kind: Kind
    public var configuration: ActionConfiguration
    /// Seconds during which the action does not run again for the same model (24 h by default).
    public var cooldown: Double
    /// Runs of this action at once, across models (1 by default); more wait queued.
    public var maxConcurrent: Int
    public var approval: Approval
    /// Seconds a run waits for approval before it expires (24 h by default).
    public var approvalTimeout: Double
    /// Build and log the requests (and record them in the audit log) without sending the ones
    /// that change anything; reads still happen, so the logged request is the exact one.
    public var dryRun: Bool
    /// Also run when the alert is resolved (with `$trigger.event` = `resolved`).
    public var onResolved: Bool
    /// Seconds each request may take (30 s by default; a command has its own `timeout`).
    public var timeout: Double
    /// Further attempts after a network error, a timeout or a 5xx answer (3 by default).
    public var retries: Int
    /// Seconds before the first retry; each next one waits twice as long (1 s by default).
    public var retryBackoff: Double
    /// Where the action is defined, when it comes from a file.
    public var place: SourcePlace?

    public init(
        name: String, kind: Kind, configuration: ActionConfiguration, cooldown: Double = 86_400, maxConcurrent: Int = 1,
        approval: Approval = .none, approvalTimeout: Double = 86_400, dryRun: Bool = false, onResolved: Bool = false,
        timeout: Double = 30, retries: Int = 3, retryBackoff: Double = 1, place: SourcePlace? = nil
    ) {
        self.name = name
        self.kind = kind
        self.configuration = configuration
        self.cooldown = cooldown
        self.maxConcurrent = maxConcurrent
        self.approval = approval
        self.approvalTimeout = approvalTimeout
        self.dryRun = dryRun
        self.onResolved = onResolved
        self.timeout = timeout
        self.retries = retries
        self.retryBackoff = retryBackoff
        self.place = place
    }

    public var adapter: Adapter {
        switch configuration {
        case .mlflowAlias: .mlflowAlias
        case .mlflowStage: .mlflowStage
        case .sagemakerModelPackage: .sagemakerModelPackage
        case .sagemakerPipeline: .sagemakerPipeline
        case .command: .command
        case .githubWorkflow: .githubWorkflow
        case .webhook: .webhook
        }
    }
}
