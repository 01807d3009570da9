import Logging
import Synchronization

/// Keeps every message logged through ``logger`` (with its metadata) as one line, so a test can
/// check what was logged and that no secret was.
public final class LogCapture: Sendable {
    private let stored = Mutex<[String]>([])

    public init() {}

    /// A logger at `debug` whose messages land here.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(sink: self) }
        logger.logLevel = .debug
        return logger
    }

    public var lines: [String] { stored.withLock { $0 } }

    fileprivate func append(_ line: String) {
        stored.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let sink: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            let all = self.metadata.merging(metadata ?? [:]) { _, new in new }
            sink.append("\(level) \(message) \(all)")
        }
    }
}
