import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Foundation
import Integrations
import Synchronization
import Monitoring
import Storage

/// Builds the HTTP application of `driftwatch serve` over an open store.
///
/// The caller owns the store: it opens it before (so that `/readyz` is true from the first
/// request) and closes it after the application has stopped (so that in-flight batches finish
/// their commits first). `onServerRunning` receives the port actually bound, which is how a
/// caller that asked for port 0 learns it. The application's services include the hourly
/// retention pass (``RetentionService``), which stops before the application returns.
public func buildApplication(
    _ configuration: ServerConfiguration, store: any Store, logger: Logger = Logger(label: "driftwatch"),
    onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(configuration, store: store, logger: logger, ingestAdmitted: nil, onServerRunning: onServerRunning)
}

/// ``buildApplication(_:store:logger:onServerRunning:)`` with a hook run after each ingest batch
/// is admitted by the ``IngestLimiter`` (tests hold a batch in flight with it).
func buildApplication(
    _ configuration: ServerConfiguration, store: any Store, logger: Logger,
    ingestAdmitted: (@Sendable () async -> Void)?,
    onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(
        configuration, store: store, components: ServerComponents(configuration, store: store, logger: logger),
        logger: logger, ingestAdmitted: ingestAdmitted, onServerRunning: onServerRunning)
}

/// The application over given ``ServerComponents``.
func buildApplication(
    _ configuration: ServerConfiguration, store: any Store, components: ServerComponents, logger: Logger,
    ingestAdmitted: (@Sendable () async -> Void)?, onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void
) -> some ApplicationProtocol {
    let router = Router()
    let table = RouteTable.driftwatch
    let requestMetrics = HTTPRequestMetrics()
    // Outermost first: observation sees the final status of everything inside it.
    router.add(middleware: RequestObservationMiddleware(table: table, metrics: requestMetrics))
    router.add(middleware: APIErrorMiddleware())
    router.add(
        middleware: AccessControlMiddleware(
            table: table,
            authenticator: configuration.accessTokens.isEmpty ? nil : TokenAuthenticator(tokens: configuration.accessTokens)))
    router.add(
        middleware: IngestAdmissionMiddleware(
            table: table, limiter: IngestLimiter(capacity: configuration.ingestQueueLimit, admitted: ingestAdmitted),
            counters: components.counters, store: store))
    let exposition = ExpositionSource(
        store: store, counters: components.counters, pipelines: components.pipelines, anomalies: components.anomalies,
        requestMetrics: requestMetrics)
    let listen = configuration.listen
    // The port the server is bound to, once known: with port 0 the configured address says 0.
    let boundPort = Mutex<Int?>(nil)
    let externalURL = configuration.externalURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    let alerts = AlertEngine(
        store: store, rules: configuration.detectors.rules, actions: configuration.detectors.actions, receivers: configuration.receivers,
        interval: configuration.ruleEvaluationInterval,
        generatorURL: { alert in
            let page = alert.labels["model"].map { "/v1/models/\($0)/drift" } ?? "/v1/alerts"
            if let externalURL { return externalURL + page }
            let bound = ListenAddress(host: listen.host, port: boundPort.withLock { $0 } ?? listen.port)
            return "http://\(bound)\(page)"
        },
        logger: logger
    ) { try await exposition.metricSet() }
    let deliveryWake = AlertTrigger()
    let delivery = NotificationDeliveryService(
        store: store, receivers: configuration.receivers, transport: HTTPNotificationTransport(), wake: deliveryWake,
        now: { Date().timeIntervalSince1970 }, logger: logger)
    let actions = ActionService(store: store, actions: configuration.detectors.actions, logger: logger)
    let reloader = DetectorReloader(
        detectorsPath: configuration.detectorsPath, engine: alerts, actions: actions, pipelines: components.pipelines,
        anomalies: components.anomalies, trigger: components.alertTrigger, logger: logger)
    DriftwatchRoutes(
        store: store, models: components.models, maxBodyBytes: configuration.maxBodyBytes, counters: components.counters, requestMetrics: requestMetrics,
        pipelines: components.pipelines, performance: components.performance, anomalies: components.anomalies, alerts: alerts,
        actions: actions, reloader: reloader,
        rawEventRetention: configuration.rawEventRetention
    )
    .register(on: router)
    let evaluation = AlertEvaluationService(
        engine: alerts, notificationsQueued: { deliveryWake.pull() }, actionsTriggered: { actions.wake() }, trigger: components.alertTrigger, interval: .milliseconds(Int64(configuration.ruleEvaluationInterval * 1000)),
        now: { Date().timeIntervalSince1970 }, logger: logger)
    let retention = RetentionService(
        store: store, retention: configuration.rawEventRetention, interval: RetentionService.defaultInterval,
        now: { Date().timeIntervalSince1970 }, logger: logger)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.listen.host, port: configuration.listen.port), serverName: "driftwatch"),
        services: [retention, components.anomalies, evaluation, HangupReloadService(reloader: reloader), delivery, actions],
        onServerRunning: { channel in
            boundPort.withLock { $0 = channel.localAddress?.port }
            await onServerRunning(channel.localAddress?.port)
        },
        logger: logger
    )
}
