import Foundation
import Monitoring

/// Where alert notifications go: Alertmanager's API v2, or a generic JSON webhook signed with
/// HMAC-SHA256 (`WebhookSignature`). Each receiver turns an alert due for sending into the body it
/// takes, and names the request that carries it.
public struct NotificationReceiver: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `POST {url}/api/v2/alerts` with a JSON array of one alert.
        case alertmanager
        /// `POST {url}` with `{"status":"firing"|"resolved","alert":{…}}` and a signature header.
        case webhook(secret: [UInt8])
    }

    /// The name the notification queue keys rows by (`alertmanager`, `webhook`).
    public let name: String
    public let kind: Kind
    public let url: String

    public init(name: String, kind: Kind, url: String) {
        self.name = name
        self.kind = kind
        self.url = url
    }

    /// The body announcing `alert`; `generatorURL` links back to driftwatch.
    public func body(for alert: Alert, generatorURL: String) -> [UInt8] {
        let alerts = AlertmanagerAlerts.body([alert]) { _ in generatorURL }
        switch kind {
        case .alertmanager:
            return alerts
        case .webhook:
            // The Alertmanager alert object, wrapped with its status: one format for both.
            let status = alert.state == .inactive ? "resolved" : "firing"
            return Array(#"{"status":"\#(status)","alert":"#.utf8) + alerts.dropFirst().dropLast() + Array("}".utf8)
        }
    }

    /// The request that delivers `body`.
    public func request(for body: [UInt8]) -> (url: String, headers: [(String, String)]) {
        switch kind {
        case .alertmanager:
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            return (base + "/api/v2/alerts", [("Content-Type", "application/json")])
        case .webhook(let secret):
            return (url, [("Content-Type", "application/json"), (WebhookSignature.header, WebhookSignature.value(body: body, secret: secret))])
        }
    }
}
