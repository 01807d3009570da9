import Foundation
import Logging
import Integrations
import Monitoring
import Storage

/// Everything `driftwatch serve` resolves before starting: the server's configuration, logging,
/// and the warnings to print.
///
/// Each setting is taken from the first source that gives it — flags, then `DRIFTWATCH_*`
/// environment variables, then the config file — else its default (design.md). Any error names
/// where the bad value came from (`--retention`, `DRIFTWATCH_RETENTION` or `file:line: retention`).
public struct ServeSettings: Sendable {
    public var server: ServerConfiguration
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var insecure: Bool
    /// Lines for standard error before serving: a permissive token file, an insecure binding.
    public var warnings: [String]

    /// The detector files read when `--detectors` is not given and this directory exists.
    public static let defaultDetectorsPath = "./detectors"

    /// The default SQLite file, relative to the working directory.
    public static let defaultDataPath = "./var/driftwatch.sqlite"

    /// Resolves from the command line's flags, the environment, and the config file named by
    /// `configPath` (the `--config` flag) or else by `DRIFTWATCH_CONFIG`.
    public static func resolve(flags: SettingsLayer, environment: [String: String], configPath: String?) throws(ConfigError)
        -> ServeSettings
    {
        var layers = [flags, SettingsLayer(environment: environment)]
        if let path = configPath ?? environment["DRIFTWATCH_CONFIG"] {
            layers.append(try ConfigFile.load(path: path))
        }
        return try resolve(layers)
    }

    /// Resolves from `layers`, highest precedence first.
    public static func resolve(_ layers: [SettingsLayer]) throws(ConfigError) -> ServeSettings {
        func value(_ key: SettingKey) -> SettingValue? {
            layers.lazy.compactMap { $0[key] }.first
        }
        let listen = try value(.listen).map(parseListen) ?? .default
        let data = try value(.data).map { value throws(ConfigError) in try nonEmpty(value) } ?? defaultDataPath
        let maxBodyBytes = try value(.maxBodyBytes).map { value throws(ConfigError) in try positiveInteger(value, what: "a body limit in bytes") }
            ?? ServerConfiguration.defaultMaxBodyBytes
        let lateness = try value(.allowedLateness).map { value throws(ConfigError) in try duration(value, allowZero: true) } ?? 0
        let retention = try value(.retention).map { value throws(ConfigError) in try duration(value, allowZero: false) }
            ?? ServerConfiguration.defaultRetention
        let labelTTL = try value(.labelTTL).map { value throws(ConfigError) in try duration(value, allowZero: false) }
            ?? ServerConfiguration.defaultRetention
        let durability = try value(.durability).map { value throws(ConfigError) in
            try choice(value, StoreDurability.self)
        } ?? .full
        let insecure = try value(.insecure).map(boolean) ?? false
        let queue = try value(.ingestQueue).map { value throws(ConfigError) in try positiveInteger(value, what: "a number of batches") }
            ?? ServerConfiguration.defaultIngestQueueLimit
        let logLevel = try value(.logLevel).map { value throws(ConfigError) in try choice(value, Logger.Level.self) } ?? .info
        let logFormat = try value(.logFormat).map { value throws(ConfigError) in try choice(value, LogFormat.self) } ?? .text

        let ruleInterval = try value(.ruleInterval).map { value throws(ConfigError) in try duration(value, allowZero: false) } ?? 60
        // Without the setting, ./detectors is used when it exists (design.md's default).
        let detectorsPath = try value(.detectors).map { value throws(ConfigError) in try nonEmpty(value) }
            ?? (FileManager.default.fileExists(atPath: defaultDetectorsPath) ? defaultDetectorsPath : nil)
        var detectors = DetectorSet(files: [])
        if let detectorsPath {
            do {
                detectors = try DetectorDirectory.load(detectorsPath)
            } catch {
                throw ConfigError("\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the detector files:\n\(error)")
            }
        }

        var receivers: [NotificationReceiver] = []
        if let url = value(.alertmanagerURL) {
            receivers.append(NotificationReceiver(name: "alertmanager", kind: .alertmanager, url: try httpURL(url)))
        }
        if let url = value(.webhookURL) {
            guard let secretFile = value(.webhookSecretFile) else {
                throw ConfigError("\(url.origin): a webhook needs webhook_secret_file (--webhook-secret-file), whose content signs each body")
            }
            let secret: Data
            do {
                secret = try Data(contentsOf: URL(fileURLWithPath: try nonEmpty(secretFile)))
            } catch let error as ConfigError {
                throw error
            } catch {
                throw ConfigError("\(secretFile.origin): cannot read the webhook secret: \(error.localizedDescription)")
            }
            let trimmed = Array(String(decoding: secret, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            guard !trimmed.isEmpty else { throw ConfigError("\(secretFile.origin): the webhook secret file is empty") }
            receivers.append(NotificationReceiver(name: "webhook", kind: .webhook(secret: trimmed), url: try httpURL(url)))
        }

        let externalURL = try value(.externalURL).map { value throws(ConfigError) in try httpURL(value) }

        var warnings: [String] = []
        var tokens: [AccessToken] = []
        if let file = value(.tokensFile) {
            let path = try nonEmpty(file)
            let loaded = try TokenFile.load(path: path)
            tokens = loaded.tokens
            warnings += loaded.warnings
        }
        if let warning = try BindingRule.check(listen: listen, hasTokens: !tokens.isEmpty, insecure: insecure) {
            warnings.append(warning)
        }
        let server = ServerConfiguration(
            listen: listen, dataPath: data, maxBodyBytes: maxBodyBytes, durability: durability, allowedLateness: lateness,
            rawEventRetention: retention, labelTTL: labelTTL, accessTokens: tokens, ingestQueueLimit: queue,
            detectorsPath: detectorsPath, detectors: detectors, ruleEvaluationInterval: ruleInterval, receivers: receivers,
            externalURL: externalURL)
        return ServeSettings(server: server, logLevel: logLevel, logFormat: logFormat, insecure: insecure, warnings: warnings)
    }

    // MARK: Values

    private static func parseListen(_ value: SettingValue) throws(ConfigError) -> ListenAddress {
        do {
            return try ListenAddress(parsing: value.text)
        } catch {
            throw ConfigError("\(value.origin): \(error.description)")
        }
    }

    /// An `http://` or `https://` URL with a host.
    private static func httpURL(_ value: SettingValue) throws(ConfigError) -> String {
        guard let url = URL(string: value.text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ConfigError("\(value.origin): '\(value.text)' is not an http:// or https:// URL")
        }
        return value.text
    }

    private static func nonEmpty(_ value: SettingValue) throws(ConfigError) -> String {
        guard !value.text.isEmpty else { throw ConfigError("\(value.origin): must not be empty") }
        return value.text
    }

    private static func positiveInteger(_ value: SettingValue, what: String) throws(ConfigError) -> Int {
        guard let number = Int(value.text), number > 0 else {
            throw ConfigError("\(value.origin): '\(value.text)' is not \(what) of at least 1")
        }
        return number
    }

    /// Seconds of a Prometheus-style duration (`90s`, `10m`, `1h30m`, `7d`); a bare `0` too
    /// when `allowZero`.
    private static func duration(_ value: SettingValue, allowZero: Bool) throws(ConfigError) -> Double {
        if allowZero, value.text == "0" { return 0 }
        let example = allowZero ? "10m, 1h30m or 0" : "12h, 7d or 2w"
        do throws(WindowSpecError) {
            if case let .duration(seconds) = try WindowSpec.parseDuration(value.text) { return seconds }
        } catch {
            throw ConfigError("\(value.origin): '\(value.text)' is not a duration like \(example) (\(error.description))")
        }
        throw ConfigError("\(value.origin): '\(value.text)' is not a duration like \(example)")
    }

    private static func boolean(_ value: SettingValue) throws(ConfigError) -> Bool {
        switch value.text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ConfigError("\(value.origin): '\(value.text)' is not true or false")
        }
    }

    private static func choice<Choice: RawRepresentable & CaseIterable>(_ value: SettingValue, _: Choice.Type)
        throws(ConfigError) -> Choice where Choice.RawValue == String
    {
        guard let chosen = Choice(rawValue: value.text) else {
            let options = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError("\(value.origin): '\(value.text)' is not one of \(options)")
        }
        return chosen
    }
}
