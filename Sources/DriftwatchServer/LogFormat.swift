/// How `driftwatch serve` writes its log lines to standard error.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    /// swift-log's `StreamLogHandler` lines, for people.
    case text
    /// One JSON object per line (``JSONLogHandler``), for log collectors.
    case json
}
