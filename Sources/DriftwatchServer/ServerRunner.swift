import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Runs the service as `driftwatch serve` does: open the store, serve until SIGINT or SIGTERM
/// (Hummingbird's `runService`, a swift-service-lifecycle `ServiceGroup`), then close the store.
///
/// On a signal the server stops accepting connections and lets in-flight requests finish, so
/// every acknowledged batch has been committed before the store closes.
public func runServer(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "driftwatch"),
    onServerRunning: @escaping @Sendable (_ boundPort: Int?) async -> Void = { _ in }
) async throws {
    let store = try configuration.openStore()
    let application = buildApplication(configuration, store: store, logger: logger, onServerRunning: onServerRunning)
    do {
        try await application.runService()
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}
