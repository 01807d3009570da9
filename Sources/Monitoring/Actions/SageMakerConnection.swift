/// Where and as whom the SageMaker adapters call the SageMaker API (AWS JSON 1.1, signed with
/// SigV4): `region` (required), `endpoint` (default `https://api.sagemaker.<region>.amazonaws.com`),
/// and the credentials' sources — by default the environment variables AWS's tools read,
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, when set, `AWS_SESSION_TOKEN`.
public struct SageMakerConnection: Sendable, Equatable {
    public var region: String
    public var endpoint: String
    public var accessKeyID: SecretSource
    public var secretAccessKey: SecretSource
    /// Temporary credentials' token; nil means `AWS_SESSION_TOKEN` if it is set.
    public var sessionToken: SecretSource?

    static let keys = ["region", "endpoint", "access_key_id", "secret_access_key", "session_token"]

    init(_ reader: ActionSettingsReader) throws(ActionSettingsError) {
        region = try reader.requiredText("region")
        guard region.wholeMatch(of: /[a-z0-9-]+/) != nil else {
            throw ActionSettingsError("with.region", "'\(region)' is not an AWS region name")
        }
        endpoint = try reader.url("endpoint") ?? "https://api.sagemaker.\(region).amazonaws.com"
        accessKeyID = try reader.secret("access_key_id") ?? .environment("AWS_ACCESS_KEY_ID")
        secretAccessKey = try reader.secret("secret_access_key") ?? .environment("AWS_SECRET_ACCESS_KEY")
        sessionToken = try reader.secret("session_token")
    }
}
