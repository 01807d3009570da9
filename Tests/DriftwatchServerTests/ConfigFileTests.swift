import DriftwatchServer
import Foundation
import Integrations
import Logging
import Monitoring
import Storage
import Testing

@Suite struct ConfigFileTests {
    @Test func validFileResolvesEverySetting() throws {
        let yaml = """
            # driftwatch serve settings
            listen: 127.0.0.1:9000
            data: ./state/dw.sqlite
            max_body_bytes: 1048576
            allowed_lateness: 10m
            retention: 3d
            label_ttl: 2w
            durability: normal
            insecure: false
            ingest_queue: 8
            log_level: debug
            log_format: json
            """
        let layer = try ConfigFile.parse(yaml: yaml, file: "dw.yaml")
        #expect(layer[.retention] == SettingValue(text: "3d", origin: "dw.yaml:6: retention"))
        let settings = try ServeSettings.resolve([layer])
        #expect(settings.server.listen == ListenAddress(host: "127.0.0.1", port: 9000))
        #expect(settings.server.dataPath == "./state/dw.sqlite")
        #expect(settings.server.maxBodyBytes == 1_048_576)
        #expect(settings.server.allowedLateness == 600)
        #expect(settings.server.rawEventRetention == 3 * 86_400)
        #expect(settings.server.labelTTL == 14 * 86_400)
        #expect(settings.server.durability == .normal)
        #expect(settings.server.ingestQueueLimit == 8)
        #expect(settings.server.accessTokens.isEmpty)
        #expect(settings.logLevel == .debug)
        #expect(settings.logFormat == .json)
        #expect(settings.warnings.isEmpty)
    }

    @Test func defaultsApplyWhenNothingIsGiven() throws {
        let settings = try ServeSettings.resolve([SettingsLayer(), try ConfigFile.parse(yaml: "", file: "empty.yaml")])
        // ./detectors is read when it exists (the tests run where the shipped set lies).
        let shipped = FileManager.default.fileExists(atPath: ServeSettings.defaultDetectorsPath)
        #expect(settings.server.detectorsPath == (shipped ? ServeSettings.defaultDetectorsPath : nil))
        #expect(settings.server.detectors.files.isEmpty == !shipped)
        var expected = ServerConfiguration(dataPath: ServeSettings.defaultDataPath)
        (expected.detectorsPath, expected.detectors) = (settings.server.detectorsPath, settings.server.detectors)
        #expect(settings.server == expected)
        #expect(settings.server.ruleEvaluationInterval == 60)
        #expect(settings.server.rawEventRetention == 7 * 86_400)
        #expect(settings.server.ingestQueueLimit == 64)
        #expect(settings.logLevel == .info)
        #expect(settings.logFormat == .text)
    }

    @Test func unknownKeyNamesFileLineAndKey() {
        let yaml = "listen: 127.0.0.1:9000\n\nretension: 7d\n"
        #expect(throws: ConfigError(
            "dw.yaml:3: retension: unknown key (known keys: listen, data, max_body_bytes, allowed_lateness, retention, "
                + "label_ttl, durability, tokens_file, insecure, ingest_queue, log_level, log_format, detectors, rule_interval, "
                + "alertmanager_url, webhook_url, webhook_secret_file, external_url)")
        ) { try ConfigFile.parse(yaml: yaml, file: "dw.yaml") }
    }

    @Test func receiversNeedValidURLsAndAWebhookSecret() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-receivers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret")
        try Data("  s3cret\n".utf8).write(to: secret)
        func settings(_ yaml: String) throws(ConfigError) -> ServeSettings {
            try ServeSettings.resolve([try ConfigFile.parse(yaml: yaml, file: "dw.yaml")])
        }
        let both = try settings("alertmanager_url: http://127.0.0.1:9093\nwebhook_url: https://hooks.invalid/x\nwebhook_secret_file: \(secret.path)\n")
        #expect(both.server.receivers == [
            NotificationReceiver(name: "alertmanager", kind: .alertmanager, url: "http://127.0.0.1:9093"),
            NotificationReceiver(name: "webhook", kind: .webhook(secret: Array("s3cret".utf8)), url: "https://hooks.invalid/x"),
        ])
        #expect(throws: ConfigError("dw.yaml:1: webhook_url: a webhook needs webhook_secret_file (--webhook-secret-file), whose content signs each body")) {
            try settings("webhook_url: http://127.0.0.1:9000/hook\n")
        }
        #expect(throws: ConfigError("dw.yaml:1: alertmanager_url: 'localhost:9093' is not an http:// or https:// URL")) {
            try settings("alertmanager_url: localhost:9093\n")
        }
    }

    @Test func wrongTypesAreRefused() {
        #expect(throws: ConfigError("dw.yaml:2: max_body_bytes: expected an integer, got '16MiB'")) {
            try ConfigFile.parse(yaml: "listen: 127.0.0.1:1\nmax_body_bytes: 16MiB\n", file: "dw.yaml")
        }
        #expect(throws: ConfigError("dw.yaml:1: insecure: expected true or false, got 'maybe'")) {
            try ConfigFile.parse(yaml: "insecure: maybe\n", file: "dw.yaml")
        }
        #expect(throws: ConfigError("dw.yaml:2: listen: expected a string, got a list")) {
            try ConfigFile.parse(yaml: "listen:\n  - 127.0.0.1:1\n", file: "dw.yaml")
        }
        #expect(throws: ConfigError("dw.yaml:1: expected a mapping of settings (key: value)")) {
            try ConfigFile.parse(yaml: "- listen\n", file: "dw.yaml")
        }
    }

    @Test func syntaxErrorsNameTheFileAndLine() throws {
        let error = try #require(throws: ConfigError.self) { try ConfigFile.parse(yaml: "listen: [unclosed\n", file: "dw.yaml") }
        #expect(error.message.hasPrefix("dw.yaml:2:"), "\(error.message)")
    }

    @Test func badValuesNameTheirOrigin() throws {
        let file = try ConfigFile.parse(yaml: "data: x.sqlite\nretention: 7days\n", file: "dw.yaml")
        #expect(throws: ConfigError(
            "dw.yaml:2: retention: '7days' is not a duration like 12h, 7d or 2w (invalid duration '7days': unknown unit 'days' (use ms, s, m, h, d, w or y))")
        ) { try ServeSettings.resolve([file]) }
        let zero = try ConfigFile.parse(yaml: "label_ttl: 0\n", file: "dw.yaml")
        let error = try #require(throws: ConfigError.self) { try ServeSettings.resolve([zero]) }
        #expect(error.message.hasPrefix("dw.yaml:1: label_ttl: '0' is not a duration"), "\(error.message)")
        #expect(throws: ConfigError("DRIFTWATCH_LOG_FORMAT: 'xml' is not one of text, json")) {
            try ServeSettings.resolve([SettingsLayer(environment: ["DRIFTWATCH_LOG_FORMAT": "xml"])])
        }
        #expect(throws: ConfigError("--ingest-queue: '0' is not a number of batches of at least 1")) {
            try ServeSettings.resolve([SettingsLayer(flags: [.ingestQueue: "0"])])
        }
    }

    @Test func flagsBeatEnvironmentBeatFile() throws {
        let file = try ConfigFile.parse(
            yaml: "listen: 127.0.0.1:1111\ndata: file.sqlite\nretention: 1d\nlog_level: error\n", file: "dw.yaml")
        let environment = SettingsLayer(environment: [
            "DRIFTWATCH_LISTEN": "127.0.0.1:2222", "DRIFTWATCH_DATA": "env.sqlite", "OTHER_VARIABLE": "ignored",
        ])
        let flags = SettingsLayer(flags: [.listen: "127.0.0.1:3333", .data: nil])
        let settings = try ServeSettings.resolve([flags, environment, file])
        #expect(settings.server.listen.port == 3333)
        #expect(settings.server.dataPath == "env.sqlite")
        #expect(settings.server.rawEventRetention == 86_400)
        #expect(settings.logLevel == .error)
    }

    @Test func configPathComesFromTheFlagOrTheEnvironment() throws {
        let directory = try TemporaryDirectory()
        let flagged = directory.write("flag.yaml", "retention: 2d\n")
        let environmental = directory.write("env.yaml", "retention: 3d\n")
        let fromFlag = try ServeSettings.resolve(
            flags: SettingsLayer(), environment: ["DRIFTWATCH_CONFIG": environmental], configPath: flagged)
        #expect(fromFlag.server.rawEventRetention == 2 * 86_400)
        let fromEnvironment = try ServeSettings.resolve(
            flags: SettingsLayer(), environment: ["DRIFTWATCH_CONFIG": environmental], configPath: nil)
        #expect(fromEnvironment.server.rawEventRetention == 3 * 86_400)
        let missing = directory.path("missing.yaml")
        let error = try #require(throws: ConfigError.self) {
            try ServeSettings.resolve(flags: SettingsLayer(), environment: [:], configPath: missing)
        }
        #expect(error.message.hasPrefix("\(missing): cannot read the config file"), "\(error.message)")
    }
}

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` with `permissions` and returns its path.
    @discardableResult func write(_ name: String, _ text: String, permissions: Int = 0o600) -> String {
        let path = path(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: permissions])
        return path
    }
}
