import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage

/// Builds the HTTP application of `driftwatch serve` over an open store.
///
/// The caller owns the store: it opens it before (so that `/readyz` is true from the first
/// request) and closes it after the application has stopped (so that in-flight batches finish
/// their commits first). `onServerRunning` receives the port actually bound, which is how a
/// caller that asked for port 0 learns it.
public func buildApplication(
    _ configuration: ServerConfiguration, store: any Store, logger: Logger = Logger(label: "driftwatch"),
    onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let counters = IngestCounters()
    let pipelines = ModelPipelines(
        store: store, counters: counters, allowedLateness: configuration.allowedLateness,
        saving: configuration.windowStateSaving, logger: logger)
    return buildApplication(
        configuration, store: store, counters: counters, pipelines: pipelines, logger: logger,
        onServerRunning: onServerRunning)
}

/// The application over given ingest pipelines, so that ``runServer(_:logger:onServerRunning:)``
/// can flush their window state after the server stopped.
func buildApplication(
    _ configuration: ServerConfiguration, store: any Store, counters: IngestCounters, pipelines: ModelPipelines,
    logger: Logger, onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void
) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: APIErrorMiddleware())
    DriftwatchRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes, counters: counters, pipelines: pipelines)
        .register(on: router)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.listen.host, port: configuration.listen.port), serverName: "driftwatch"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
        logger: logger
    )
}
