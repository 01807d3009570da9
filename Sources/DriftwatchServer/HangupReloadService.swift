import Dispatch
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reloads the detector files on SIGHUP, as Prometheus does, until graceful shutdown.
struct HangupReloadService: Service {
    let reloader: DetectorReloader

    func run() async throws {
        let (hangups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // The default action of SIGHUP ends the process; the dispatch source receives it instead.
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer { source.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                _ = await reloader.reload()
            }
        }
    }
}
