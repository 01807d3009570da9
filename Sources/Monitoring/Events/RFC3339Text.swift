import Foundation

/// Instants written as RFC 3339 in UTC with milliseconds (`2026-11-21T10:00:00.123Z`): how
/// driftwatch shows times in its API, logs, audit trail and in the alerts it sends
/// (Alertmanager's API takes this form). Not on a hot path, so Foundation's formatter serves.
public enum RFC3339Text {
    /// `seconds` since the Unix epoch as RFC 3339.
    public static func of(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
