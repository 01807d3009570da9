/// Settings of the `sagemaker-model-package` rollback adapter: the connection
/// (``SageMakerConnection``) and the model package group, by default the alert's model:
///
/// ```yaml
/// with: {region: eu-west-1, model_package_group: "{{ $labels.model }}"}
/// ```
public struct SageMakerModelPackageSettings: Sendable, Equatable {
    public var connection: SageMakerConnection
    public var group: AlertTemplate

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(settings, known: SageMakerConnection.keys + ["model_package_group"])
        connection = try SageMakerConnection(reader)
        group = try reader.template("model_package_group", default: "{{ $labels.model }}")
    }
}
