import Foundation
import Integrations
import Monitoring
import Testing

@Suite struct AlertmanagerAlertsTests {
    private static let labels = SeriesLabels([("alertname", "DatasetDrift"), ("model", "fraud"), ("severity", "page")])

    /// A firing alert carries `endsAt` = its `validUntil`; a resolved one its resolution time;
    /// `startsAt` is when it fired.
    @Test func firingAndResolvedAlertsAsAlertmanagerTakesThem() throws {
        var rule = AlertRuleState(alertName: "DatasetDrift", holdDuration: 60, keepFiringFor: 0)
        let candidate = AlertCandidate(labels: Self.labels, annotations: ["summary": "50% drifted"], value: 0.5)
        _ = try rule.evaluate([candidate], at: 1_795_000_000)
        _ = try rule.evaluate([candidate], at: 1_795_000_060.25)
        let firing = rule.takeDue(at: 1_795_000_060.25, resendDelay: 60, interval: 60)
        _ = try rule.evaluate([], at: 1_795_000_120.5)
        let resolved = rule.takeDue(at: 1_795_000_120.5, resendDelay: 60, interval: 60)
        let body = AlertmanagerAlerts.body(firing + resolved) { "http://127.0.0.1:8742/v1/models/\($0.labels["model"] ?? "")/drift" }
        let posted = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
        #expect(posted.count == 2)
        #expect(posted[0]["labels"] as? [String: String] == ["alertname": "DatasetDrift", "model": "fraud", "severity": "page"])
        #expect(posted[0]["annotations"] as? [String: String] == ["summary": "50% drifted"])
        #expect(posted[0]["startsAt"] as? String == "2026-11-18T11:07:40.250Z")
        #expect(posted[0]["endsAt"] as? String == "2026-11-18T11:11:40.250Z", "validUntil: 4 × the resend delay ahead")
        #expect(posted[0]["generatorURL"] as? String == "http://127.0.0.1:8742/v1/models/fraud/drift")
        #expect(posted[1]["endsAt"] as? String == "2026-11-18T11:08:40.500Z", "resolved: endsAt is the resolution")
        #expect(AlertmanagerAlerts.body([]) { _ in "" } == Array("[]".utf8))
    }
}
