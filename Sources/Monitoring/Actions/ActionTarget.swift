/// What an action changed or started: the system and the resource within it (a registered
/// model and alias, a model package group, a pipeline, a working directory), the version the
/// registry pointed at before and after, and the id of what was started (a pipeline execution
/// ARN, a workflow run). Rollbacks record `before`/`after`; the next rollback of the same
/// resource reads them to find the previous good version.
public struct ActionTarget: Sendable, Equatable, Codable {
    /// E.g. `mlflow`, `sagemaker`, `github`, `command`, `webhook`.
    public var system: String
    /// Identifies the resource across runs, e.g. `http://mlflow:5000 fraud-detector@champion`.
    public var resource: String
    public var before: String?
    public var after: String?
    public var executionID: String?
    /// Further facts worth keeping (exit code, output tail, response excerpt).
    public var details: [String: String]

    public init(
        system: String, resource: String, before: String? = nil, after: String? = nil, executionID: String? = nil,
        details: [String: String] = [:]
    ) {
        self.system = system
        self.resource = resource
        self.before = before
        self.after = after
        self.executionID = executionID
        self.details = details
    }
}
