import Foundation
import Integrations
import Monitoring
import Testing

@Suite struct NotificationReceiverTests {
    private func firing() throws -> Alert {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 0, keepFiringFor: 0)
        _ = try rule.evaluate(
            [AlertCandidate(labels: SeriesLabels([("alertname", "Drift"), ("model", "m")]), annotations: ["summary": "s"], value: 1)],
            at: 1_795_000_000)
        return try #require(rule.takeDue(at: 1_795_000_000, resendDelay: 60, interval: 60).first)
    }

    @Test func alertmanagerTakesAnArrayAtItsAPIPath() throws {
        let receiver = NotificationReceiver(name: "alertmanager", kind: .alertmanager, url: "http://127.0.0.1:9093/")
        let body = receiver.body(for: try firing(), generatorURL: "http://x/v1/models/m/drift")
        #expect((try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])?.count == 1)
        let request = receiver.request(for: body)
        #expect(request.url == "http://127.0.0.1:9093/api/v2/alerts")
        #expect(request.headers.map(\.0) == ["Content-Type"])
    }

    @Test func aWebhookTakesOneSignedAlertWithItsStatus() throws {
        let secret = Array("k".utf8)
        let receiver = NotificationReceiver(name: "webhook", kind: .webhook(secret: secret), url: "http://127.0.0.1:9000/hook")
        let body = receiver.body(for: try firing(), generatorURL: "http://x/v1/models/m/drift")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(payload["status"] as? String == "firing")
        #expect((payload["alert"] as? [String: Any])?["labels"] as? [String: String] == ["alertname": "Drift", "model": "m"])
        let request = receiver.request(for: body)
        #expect(request.url == "http://127.0.0.1:9000/hook")
        let signature = try #require(request.headers.first { $0.0 == WebhookSignature.header }?.1)
        #expect(WebhookSignature.isValid(signature, body: body, secret: secret))
    }
}
