import Foundation
import Logging
import Monitoring
import Synchronization

/// A swift-log handler writing one JSON object per line to standard error:
/// `{"timestamp":"2026-11-21T10:00:00.123Z","level":"info","label":"driftwatch","message":"request","method":"POST",...}`.
///
/// Metadata values become strings (nested values in their swift-log description), merged at the
/// top level after the fixed keys; a metadata key equal to a fixed key is prefixed with
/// `metadata.` so it cannot overwrite them. Lines are written whole under a lock, so concurrent
/// requests never interleave within a line.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    public init(label: String) {
        self.init(label: label) { line in JSONLogHandler.standardError.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) } }
    }

    /// A handler handing each finished line (with its newline) to `write`.
    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    private static let standardError = Mutex(())
    private static let fixedKeys: Set<String> = ["timestamp", "level", "label", "message", "source"]

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var line = "{"
        line += Self.member("timestamp", RFC3339Text.of(Date().timeIntervalSince1970), first: true)
        line += Self.member("level", event.level.rawValue)
        line += Self.member("label", label)
        line += Self.member("message", event.message.description)
        line += Self.member("source", event.source)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += Self.member(Self.fixedKeys.contains(key) ? "metadata.\(key)" : key, value.description)
        }
        line += "}\n"
        write(line)
    }

    private static func member(_ key: String, _ value: String, first: Bool = false) -> String {
        (first ? "" : ",") + quoted(key) + ":" + quoted(value)
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
