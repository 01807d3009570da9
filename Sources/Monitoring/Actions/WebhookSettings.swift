/// Settings of the generic `webhook` adapter: a templated URL, headers and JSON body, secrets in
/// headers from their sources, and an optional HMAC signature of the body
/// (`X-Driftwatch-Signature`, as notifications carry):
///
/// ```yaml
/// with:
///   url: "https://ci.example/api/v4/projects/42/pipeline"
///   method: POST
///   headers: {Content-Type: application/json}
///   secret_headers: {PRIVATE-TOKEN: {env: GITLAB_TOKEN}}
///   body: '{"ref":"main","variables":[{"key":"MODEL","value":"{{ $labels.model }}"}]}'
///   signing_secret: {file: /etc/driftwatch/hook-secret}
/// ```
///
/// Without `body`, the body is the run as JSON: action, trigger and idempotency key.
public struct WebhookSettings: Sendable, Equatable {
    public struct SecretHeader: Sendable, Equatable {
        public var name: String
        public var source: SecretSource
        /// Put before the secret, e.g. `Bearer `.
        public var prefix: String
    }

    public var url: AlertTemplate
    public var method: String
    public var headers: [NamedTemplate]
    public var secretHeaders: [SecretHeader]
    public var body: AlertTemplate?
    public var signingSecret: SecretSource?

    init(_ settings: [String: ActionSetting]) throws(ActionSettingsError) {
        let reader = try ActionSettingsReader(
            settings, known: ["url", "method", "headers", "secret_headers", "body", "signing_secret"])
        guard let url = try reader.template("url") else { throw ActionSettingsError("with.url", "required") }
        if !url.text.hasPrefix("http://") && !url.text.hasPrefix("https://") && !url.text.hasPrefix("{{") {
            throw ActionSettingsError("with.url", "'\(url.text)' is not an http:// or https:// URL")
        }
        self.url = url
        method = (try reader.text("method") ?? "POST").uppercased()
        guard ["POST", "PUT", "PATCH"].contains(method) else {
            throw ActionSettingsError("with.method", "expected POST, PUT or PATCH, got '\(method)'")
        }
        headers = try reader.templateMapping("headers") ?? []
        var secretHeaders: [SecretHeader] = []
        for (name, value) in (try reader.mapping("secret_headers") ?? [:]).sorted(by: { $0.key < $1.key }) {
            let (source, extra) = try ActionSettingsReader.secret(value, "with.secret_headers.\(name)", extra: ["prefix"])
            secretHeaders.append(SecretHeader(name: name, source: source, prefix: extra["prefix"] ?? ""))
        }
        self.secretHeaders = secretHeaders
        body = try reader.template("body")
        signingSecret = try reader.secret("signing_secret")
    }
}
