import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Runs the service as `driftwatch serve` does: open the store, serve until SIGINT or SIGTERM
/// (Hummingbird's `runService`, a swift-service-lifecycle `ServiceGroup`), save the ingest
/// pipelines' open windows, then close the store.
///
/// On a signal the server stops accepting connections and lets in-flight requests finish, so
/// every acknowledged batch has been committed before the store closes, and the window state
/// saved last covers every event (a restart then has nothing to replay).
public func runServer(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "driftwatch"),
    onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void = { _ in }
) async throws {
    let store = try configuration.openStore()
    let components = ServerComponents(configuration, store: store, logger: logger)
    let application = buildApplication(
        configuration, store: store, components: components, logger: logger, ingestAdmitted: nil,
        onServerRunning: onServerRunning)
    do {
        try await application.runService()
    } catch {
        await components.pipelines.flushAll()
        try? await store.close()
        throw error
    }
    await components.pipelines.flushAll()
    try await store.close()
}
