/// An action of a detector file: what a firing alert can trigger (issue 5 runs them). Here it is
/// checked for shape, so that rules naming it can be validated.
public struct ActionDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case retrain, rollback
    }

    public enum Adapter: String, Sendable, CaseIterable {
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
    public var adapter: Adapter
    /// Seconds during which the action does not run again for the same model (24 h by default).
    public var cooldown: Double
    public var approval: Approval
    public var dryRun: Bool
    /// The adapter's settings (`with:`), as YAML scalars' text.
    public var settings: [String: String]
    /// Where the action is defined, when it comes from a file.
    public var place: SourcePlace?

    public init(
        name: String, kind: Kind, adapter: Adapter, cooldown: Double = 86_400, approval: Approval = .none,
        dryRun: Bool = false, settings: [String: String] = [:], place: SourcePlace? = nil
    ) {
        self.name = name
        self.kind = kind
        self.adapter = adapter
        self.cooldown = cooldown
        self.approval = approval
        self.dryRun = dryRun
        self.settings = settings
        self.place = place
    }
}
