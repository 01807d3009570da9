/// Settings of the `sagemaker-pipeline` retrain adapter: the connection (``SageMakerConnection``),
/// the pipeline, and its parameters as templates over the alert and `$trigger`:
///
/// ```yaml
/// with:
///   region: eu-west-1
///   pipeline: fraud-retrain
///   parameters:
///     ModelName: "{{ $labels.model }}"
///     DriftShare: "{{ $trigger.drift_share }}"
///     WindowEnd: "{{ $trigger.window_end }}"
/// ```
public struct SageMakerPipelineSettings: Sendable, Equatable {
    public var connection: SageMakerConnection
    public var pipeline: AlertTemplate
    public var parameters: [NamedTemplate]
    public var displayName: AlertTemplate?

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(settings, known: SageMakerConnection.keys + ["pipeline", "parameters", "display_name"])
        connection = try SageMakerConnection(reader)
        guard let pipeline = try reader.template("pipeline") else { throw ActionSettingsError("with.pipeline", "required") }
        self.pipeline = pipeline
        parameters = try reader.templateMapping("parameters") ?? []
        displayName = try reader.template("display_name")
    }
}
