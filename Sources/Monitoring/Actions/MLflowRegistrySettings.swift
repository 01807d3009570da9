/// Settings of the `mlflow-alias` and `mlflow-stage` rollback adapters (MLflow Model Registry REST
/// API 2.0):
///
/// ```yaml
/// with:
///   tracking_uri: http://127.0.0.1:5000
///   model: "{{ $labels.model }}"            # the registered model (default)
///   alias: champion                          # mlflow-alias (default champion)
///   stage: Production                        # mlflow-stage (default Production)
///   version_filter: "tags.validation_status='approved'"
///   username: driftwatch-bot                 # optional HTTP basic auth
///   password: {env: MLFLOW_TRACKING_PASSWORD}
/// ```
public struct MLflowRegistrySettings: Sendable, Equatable {
    public var trackingURI: String
    public var registeredModel: AlertTemplate
    public var alias: String
    public var stage: String
    /// An MLflow search filter a fallback target version must pass (ANDed with the name and the
    /// version bound).
    public var versionFilter: String?
    public var username: String?
    public var password: SecretSource?
    /// `mlflow-stage`: archive the version leaving the stage (MLflow's `archive_existing_versions`).
    public var archiveExistingVersions: Bool

    static let keys = ["tracking_uri", "model", "alias", "stage", "version_filter", "username", "password", "archive_existing_versions"]

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(settings, known: Self.keys)
        guard let uri = try reader.url("tracking_uri") else { throw ActionSettingsError("with.tracking_uri", "required") }
        trackingURI = uri
        registeredModel = try reader.template("model", default: "{{ $labels.model }}")
        alias = try reader.text("alias") ?? "champion"
        stage = try reader.text("stage") ?? "Production"
        versionFilter = try reader.text("version_filter")
        username = try reader.text("username")
        password = try reader.secret("password")
        if (username == nil) != (password == nil) {
            throw ActionSettingsError("with.username", "basic auth needs both 'username' and 'password'")
        }
        archiveExistingVersions = try reader.boolean("archive_existing_versions") ?? true
        if alias.lowercased() == "latest" || alias.wholeMatch(of: /v[0-9]+/) != nil {
            throw ActionSettingsError("with.alias", "'\(alias)' is reserved by MLflow ('latest' and v<number>)")
        }
    }
}
