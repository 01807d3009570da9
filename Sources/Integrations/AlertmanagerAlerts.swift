import Foundation
import Monitoring

/// The body of Alertmanager's `POST /api/v2/alerts` (API v2, `postableAlert`) for alerts due for
/// sending, as Prometheus builds it (`rules/alerting.go`, `notifier`): `labels` and
/// `annotations`; `startsAt` the time the alert fired; `endsAt` the time it was resolved, or,
/// while it fires, `validUntil` (4 × the resend delay ahead), so Alertmanager resolves it by
/// itself if driftwatch stops re-sending; `generatorURL` a link back to driftwatch.
public enum AlertmanagerAlerts {
    public static func body(_ alerts: [Alert], generatorURL: (Alert) -> String) -> [UInt8] {
        let posted = alerts.map { alert in
            PostableAlert(
                labels: alert.labels.dictionary,
                annotations: alert.annotations,
                startsAt: RFC3339Text.of(alert.firedAt ?? alert.activeAt),
                endsAt: (alert.state == .inactive ? alert.resolvedAt : alert.validUntil).map(RFC3339Text.of),
                generatorURL: generatorURL(alert))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and optional strings only: encoding cannot fail.
        return [UInt8]((try? encoder.encode(posted)) ?? Data("[]".utf8))
    }

    private struct PostableAlert: Encodable {
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String?
        var generatorURL: String
    }
}
