import Foundation
import Integrations
import Monitoring
import Storage

/// Settings of one `driftwatch serve` process, already resolved from flags, environment and file.
public struct ServerConfiguration: Sendable, Equatable {
    /// Largest request body accepted by default (16 MiB, design.md); larger bodies get 413.
    public static let defaultMaxBodyBytes = 16 * 1024 * 1024

    public var listen: ListenAddress
    /// Path of the SQLite file; its folder is created when missing.
    public var dataPath: String
    public var maxBodyBytes: Int
    public var durability: StoreDurability
    /// How far (seconds) an event may trail the newest event time of its model and still be
    /// profiled in its window; 0 by default (an event whose window has closed is late).
    public var allowedLateness: Double
    /// How long (seconds) raw predictions, labels and metric samples are kept before background
    /// pruning removes them; 7 days by default (issue 3). Windows, reports and baselines are kept.
    public var rawEventRetention: Double
    /// How long (seconds) after its prediction a label still counts towards the performance of
    /// the prediction's window; 7 days by default.
    public var labelTTL: Double
    /// Bearer tokens and their scopes; empty means no authentication, which the binding rule
    /// (``BindingRule``) allows only on loopback or with `--insecure`.
    public var accessTokens: [AccessToken]
    /// Ingest batches handled at once before further ones get 503 (see ``IngestLimiter``).
    public var ingestQueueLimit: Int
    /// How often the ingest pipelines save their open windows (``WindowStateSaving/default``).
    public var windowStateSaving: WindowStateSaving

    /// The directory of detector and rule files (`--detectors`), reloaded by `POST /-/reload`;
    /// nil runs without rules.
    public var detectorsPath: String?
    /// The detector files loaded from ``detectorsPath`` at start.
    public var detectors: DetectorSet
    /// How often the alert rules are evaluated besides when a window closes (1 minute by default).
    public var ruleEvaluationInterval: Double
    /// Where firing and resolved alerts are sent (Alertmanager, a webhook); none by default.
    public var receivers: [NotificationReceiver]
    /// The URL users reach driftwatch at, for the links alerts carry (`generatorURL`); nil: the
    /// address the server is bound to.
    public var externalURL: String?

    /// Seven days, the default of ``rawEventRetention`` and ``labelTTL``.
    public static let defaultRetention = 7 * 86_400.0

    /// 64 ingest batches in flight; the reasons are at ``IngestLimiter/defaultCapacity``.
    public static let defaultIngestQueueLimit = IngestLimiter.defaultCapacity

    public init(
        listen: ListenAddress = .default, dataPath: String, maxBodyBytes: Int = Self.defaultMaxBodyBytes,
        durability: StoreDurability = .full, allowedLateness: Double = 0,
        rawEventRetention: Double = Self.defaultRetention, labelTTL: Double = Self.defaultRetention,
        accessTokens: [AccessToken] = [], ingestQueueLimit: Int = Self.defaultIngestQueueLimit,
        windowStateSaving: WindowStateSaving = .default, detectorsPath: String? = nil, detectors: DetectorSet = DetectorSet(files: []),
        ruleEvaluationInterval: Double = 60, receivers: [NotificationReceiver] = [], externalURL: String? = nil
    ) {
        self.receivers = receivers
        self.externalURL = externalURL
        self.detectorsPath = detectorsPath
        self.detectors = detectors
        self.ruleEvaluationInterval = ruleEvaluationInterval
        self.accessTokens = accessTokens
        self.ingestQueueLimit = ingestQueueLimit
        self.windowStateSaving = windowStateSaving
        self.allowedLateness = allowedLateness
        self.rawEventRetention = rawEventRetention
        self.labelTTL = labelTTL
        self.listen = listen
        self.dataPath = dataPath
        self.maxBodyBytes = maxBodyBytes
        self.durability = durability
    }
}

extension ServerConfiguration {
    /// Opens (creating when missing) the SQLite file and its folder.
    public func openStore() throws -> any Store {
        let folder = URL(fileURLWithPath: dataPath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try SQLiteStore(path: dataPath, durability: durability)
    }
}
