import ArgumentParser
import DriftwatchServer
import Foundation
import Logging

/// `driftwatch serve`: the HTTP service over one SQLite file, until SIGINT or SIGTERM.
///
/// Each setting comes from its flag, else its `DRIFTWATCH_*` environment variable, else the
/// config file, else the default (design.md); ``ServeSettings`` resolves them. Without tokens the
/// server binds only to loopback unless `--insecure` is given.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the driftwatch HTTP service (ingest, baselines, /metrics)."
    )

    @Option(help: ArgumentHelp("YAML config file with the settings below as snake_case keys (env DRIFTWATCH_CONFIG).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("Address to bind, host:port; beyond loopback needs --tokens-file or --insecure (env DRIFTWATCH_LISTEN; default 127.0.0.1:8742).", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("SQLite file; its folder is created (env DRIFTWATCH_DATA; default ./var/driftwatch.sqlite).", valueName: "path"))
    var data: String?

    @Option(help: ArgumentHelp("Largest accepted request body in bytes (env DRIFTWATCH_MAX_BODY_BYTES; default 16 MiB).", valueName: "bytes"))
    var maxBodyBytes: String?

    @Option(help: ArgumentHelp("How long an event may trail its model's newest event time and still join its window, e.g. 10m (env DRIFTWATCH_ALLOWED_LATENESS; default 0).", valueName: "duration"))
    var allowedLateness: String?

    @Option(help: ArgumentHelp("How long raw predictions, labels and metric samples are kept, e.g. 7d (env DRIFTWATCH_RETENTION; default 7d).", valueName: "duration"))
    var retention: String?

    @Option(name: .customLong("label-ttl"), help: ArgumentHelp("How long after its prediction a label still counts, e.g. 7d (env DRIFTWATCH_LABEL_TTL; default 7d).", valueName: "duration"))
    var labelTTL: String?

    @Option(help: ArgumentHelp("full (fsync every commit) or normal (survives a process crash, not power loss) (env DRIFTWATCH_DURABILITY; default full).", valueName: "full|normal"))
    var durability: String?

    @Option(help: ArgumentHelp("YAML list of bearer tokens with scopes ingest, read, admin; enables authentication (env DRIFTWATCH_TOKENS_FILE).", valueName: "path"))
    var tokensFile: String?

    @Flag(help: "Allow binding beyond loopback without tokens: every route is open to anyone who can reach it (env DRIFTWATCH_INSECURE).")
    var insecure = false

    @Option(help: ArgumentHelp("Ingest batches handled at once; more get 503 with Retry-After (env DRIFTWATCH_INGEST_QUEUE; default 64).", valueName: "batches"))
    var ingestQueue: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (env DRIFTWATCH_LOG_LEVEL; default info).", valueName: "level"))
    var logLevel: String?

    @Option(help: ArgumentHelp("text, or json for one JSON object per line on standard error (env DRIFTWATCH_LOG_FORMAT; default text).", valueName: "format"))
    var logFormat: String?

    @Option(help: ArgumentHelp("Directory of detector and rule files, reloaded by POST /-/reload (env DRIFTWATCH_DETECTORS; default ./detectors when it exists).", valueName: "dir"))
    var detectors: String?

    @Option(help: ArgumentHelp("How often alert rules are evaluated besides when a window closes, e.g. 30s (env DRIFTWATCH_RULE_INTERVAL; default 1m).", valueName: "duration"))
    var ruleInterval: String?

    @Option(name: .customLong("alertmanager-url"), help: ArgumentHelp("Alertmanager to send alerts to, e.g. http://127.0.0.1:9093 (env DRIFTWATCH_ALERTMANAGER_URL).", valueName: "url"))
    var alertmanagerURL: String?

    @Option(name: .customLong("webhook-url"), help: ArgumentHelp("URL to POST each alert's JSON to, signed with --webhook-secret-file (env DRIFTWATCH_WEBHOOK_URL).", valueName: "url"))
    var webhookURL: String?

    @Option(help: ArgumentHelp("File holding the webhook's HMAC-SHA256 secret (env DRIFTWATCH_WEBHOOK_SECRET_FILE).", valueName: "path"))
    var webhookSecretFile: String?

    @Option(name: .customLong("external-url"), help: ArgumentHelp("The URL users reach driftwatch at, for the links in alerts (env DRIFTWATCH_EXTERNAL_URL; default the bound address).", valueName: "url"))
    var externalURL: String?

    func run() async throws {
        let settings = try resolvedSettings(environment: ProcessInfo.processInfo.environment)
        for warning in settings.warnings { standardError("driftwatch: \(warning)\n") }
        let listen = settings.server.listen
        try await runServer(settings.server, logger: Self.logger(settings)) { port in
            let bound = ListenAddress(host: listen.host, port: port ?? listen.port)
            standardError("driftwatch: listening on http://\(bound)\n")
        }
        standardError("driftwatch: stopped\n")
    }

    /// The settings from these flags, `environment` and the config file; a problem is an
    /// ``InputError`` (exit 2) naming where the bad value came from.
    func resolvedSettings(environment: [String: String]) throws -> ServeSettings {
        let flags = SettingsLayer(flags: [
            .listen: listen, .data: data, .maxBodyBytes: maxBodyBytes, .allowedLateness: allowedLateness,
            .retention: retention, .labelTTL: labelTTL, .durability: durability, .tokensFile: tokensFile,
            .insecure: insecure ? "true" : nil, .ingestQueue: ingestQueue, .logLevel: logLevel, .logFormat: logFormat,
            .detectors: detectors, .ruleInterval: ruleInterval, .alertmanagerURL: alertmanagerURL, .webhookURL: webhookURL,
            .webhookSecretFile: webhookSecretFile, .externalURL: externalURL,
        ])
        do {
            return try ServeSettings.resolve(flags: flags, environment: environment, configPath: config)
        } catch {
            throw InputError(error.message)
        }
    }

    private static func logger(_ settings: ServeSettings) -> Logger {
        var logger =
            switch settings.logFormat {
            case .text: Logger(label: "driftwatch", factory: { StreamLogHandler.standardError(label: $0) })
            case .json: Logger(label: "driftwatch", factory: { JSONLogHandler(label: $0) })
            }
        logger.logLevel = settings.logLevel
        return logger
    }
}
