/// A setting of `driftwatch serve`, with its spelling in each source: the config file key
/// (snake_case), the flag and the `DRIFTWATCH_*` environment variable.
public enum SettingKey: String, Sendable, CaseIterable, Hashable {
    case listen
    case data
    case maxBodyBytes = "max_body_bytes"
    case allowedLateness = "allowed_lateness"
    case retention
    case labelTTL = "label_ttl"
    case durability
    case tokensFile = "tokens_file"
    case insecure
    case ingestQueue = "ingest_queue"
    case logLevel = "log_level"
    case logFormat = "log_format"
    case detectors
    case ruleInterval = "rule_interval"
    case alertmanagerURL = "alertmanager_url"
    case webhookURL = "webhook_url"
    case webhookSecretFile = "webhook_secret_file"
    case externalURL = "external_url"

    /// The key in the config file.
    public var fileKey: String { rawValue }
    /// The command-line flag, e.g. `--max-body-bytes`.
    public var flag: String { "--" + rawValue.replacingUnderscores(with: "-") }
    /// The environment variable, e.g. `DRIFTWATCH_MAX_BODY_BYTES`.
    public var environmentVariable: String { "DRIFTWATCH_" + rawValue.uppercased() }

    /// The YAML type the config file must give the key's value.
    var fileType: SettingFileType {
        switch self {
        case .maxBodyBytes, .ingestQueue: .integer
        case .insecure: .boolean
        case .listen, .data, .allowedLateness, .retention, .labelTTL, .durability, .tokensFile, .logLevel, .logFormat, .detectors,
            .ruleInterval, .alertmanagerURL, .webhookURL, .webhookSecretFile, .externalURL:
            .text
        }
    }
}

/// The shape a config-file value must have.
enum SettingFileType: Sendable {
    case text
    case integer
    case boolean

    var name: String {
        switch self {
        case .text: "a string"
        case .integer: "an integer"
        case .boolean: "true or false"
        }
    }
}

extension String {
    fileprivate func replacingUnderscores(with replacement: Character) -> String {
        String(map { $0 == "_" ? replacement : $0 })
    }
}
