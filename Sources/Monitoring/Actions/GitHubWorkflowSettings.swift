/// Settings of the `github-workflow` retrain adapter: a `workflow_dispatch` of a workflow with
/// inputs (templates; by default the model, the rule, the value, the drift share and the window
/// end), authenticated with a token that has `actions: write`:
///
/// ```yaml
/// with:
///   repository: acme/fraud-model
///   workflow: retrain.yml
///   ref: main
///   inputs: {model: "{{ $labels.model }}", drift_share: "{{ $trigger.drift_share }}"}
///   token: {env: GITHUB_TOKEN}
/// ```
public struct GitHubWorkflowSettings: Sendable, Equatable {
    public var repository: String
    public var workflow: String
    public var ref: AlertTemplate
    public var inputs: [NamedTemplate]
    public var token: SecretSource
    /// The REST API's base URL (GitHub Enterprise Server: `https://HOST/api/v3`).
    public var apiURL: String

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(settings, known: ["repository", "workflow", "ref", "inputs", "token", "api_url"])
        repository = try reader.requiredText("repository")
        guard repository.wholeMatch(of: /[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/) != nil else {
            throw ActionSettingsError("with.repository", "expected OWNER/NAME, got '\(repository)'")
        }
        workflow = try reader.requiredText("workflow")
        ref = try reader.template("ref", default: "main")
        if let inputs = try reader.templateMapping("inputs") {
            self.inputs = inputs
        } else {
            inputs = try Self.defaultInputs()
        }
        if inputs.count > 10 { throw ActionSettingsError("with.inputs", "GitHub takes at most 10 inputs, got \(inputs.count)") }
        token = try reader.secret("token") ?? .environment("GITHUB_TOKEN")
        apiURL = try reader.url("api_url") ?? "https://api.github.com"
    }

    static func defaultInputs() throws(ActionSettingsError) -> [NamedTemplate] {
        var inputs: [NamedTemplate] = []
        for name in ["model", "rule", "value", "drift_share", "window_end"] {
            inputs.append(NamedTemplate(name: name, template: try ActionSettingsReader.template("{{ $trigger.\(name) }}", "with.inputs")))
        }
        return inputs
    }
}
