/// Settings of the `command` retrain adapter: an argv run directly (never through a shell), in a
/// working directory, with a timeout, the alert in its environment (`DRIFTWATCH_*`, see the
/// README) and extra variables as templates:
///
/// ```yaml
/// with:
///   argv: [dvc, exp, run, -S, "train.seed={{ $trigger.fired_at_seconds }}"]
///   directory: /srv/fraud-model
///   timeout: 2h
///   environment: {DRIFT_SHARE: "{{ $trigger.drift_share }}"}
/// ```
public struct CommandSettings: Sendable, Equatable {
    public var argv: [AlertTemplate]
    public var directory: String
    /// Seconds after which the command is stopped (default an hour).
    public var timeout: Double
    public var environment: [NamedTemplate]

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(settings, known: ["argv", "directory", "timeout", "environment"])
        guard let argv = try reader.templateList("argv"), let program = argv.first, !program.text.isEmpty else {
            throw ActionSettingsError("with.argv", "required: the program and its arguments, as a list")
        }
        self.argv = argv
        directory = try reader.requiredText("directory")
        timeout = try reader.duration("timeout") ?? 3600
        environment = try reader.templateMapping("environment") ?? []
        for variable in environment where variable.name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) == nil {
            throw ActionSettingsError("with.environment.\(variable.name)", "not an environment variable name")
        }
    }
}
