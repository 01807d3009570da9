import Hummingbird
import Logging

/// An HTTP server the test runs on an ephemeral loopback port to receive what driftwatch sends
/// (notifications, webhook actions), serving `router` until ``stop()``.
public final class LoopbackReceiver: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts serving and returns once the port is bound.
    public static func start(_ router: Router<BasicRequestContext>) async throws -> LoopbackReceiver {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: Logger(label: "receiver"))
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw TestSupportError("the receiver did not bind a port")
        }
        return LoopbackReceiver(port: port, task: task)
    }

    public func stop() {
        task.cancel()
    }
}
