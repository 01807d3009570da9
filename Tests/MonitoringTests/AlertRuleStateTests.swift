import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

@testable import Monitoring

@Suite struct AlertRuleStateTests {
    private static let labels = SeriesLabels([("alertname", "Drift"), ("model", "fraud")])
    private static let other = SeriesLabels([("alertname", "Drift"), ("model", "churn")])

    private func candidate(_ labels: SeriesLabels = labels, value: Double = 0.7) -> AlertCandidate {
        AlertCandidate(labels: labels, annotations: ["summary": "value \(value)"], value: value)
    }

    private func states(_ state: AlertRuleState) -> [String: AlertState] {
        Dictionary(uniqueKeysWithValues: state.alerts.map { ($0.key.description, $0.value.state) })
    }

    @Test func pendingForTheHoldDurationThenFiring() throws {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 120, keepFiringFor: 0)
        #expect(try rule.evaluate([candidate()], at: 0) == [
            AlertTransition(alertName: "Drift", labels: Self.labels, from: nil, to: .pending, at: 0, value: 0.7),
        ])
        #expect(try rule.evaluate([candidate(value: 0.8)], at: 60).isEmpty)
        #expect(rule.alerts[Self.labels]?.value == 0.8 && rule.alerts[Self.labels]?.annotations["summary"] == "value 0.8")
        #expect(try rule.evaluate([candidate()], at: 119.9).isEmpty)
        #expect(try rule.evaluate([candidate()], at: 120).map(\.to) == [.firing])
        #expect(rule.alerts[Self.labels]?.activeAt == 0 && rule.alerts[Self.labels]?.firedAt == 120)
    }

    @Test func forZeroFiresAtOnceAndPendingIsDroppedWithoutNotice() throws {
        var immediate = AlertRuleState(alertName: "Drift", holdDuration: 0, keepFiringFor: 0)
        #expect(try immediate.evaluate([candidate()], at: 5).map { [$0.from, $0.to] } == [[nil, .firing]])
        var held = AlertRuleState(alertName: "Drift", holdDuration: 300, keepFiringFor: 0)
        _ = try held.evaluate([candidate()], at: 0)
        #expect(held.takeDue(at: 0, resendDelay: 60, interval: 60).isEmpty, "pending is never sent")
        #expect(try held.evaluate([], at: 60).map { [$0.from, $0.to] } == [[.pending, .inactive]])
        #expect(held.alerts.isEmpty)
        #expect(held.takeDue(at: 120, resendDelay: 60, interval: 60).isEmpty, "a dropped pending alert is never sent")
    }

    @Test func keepFiringForHoldsAndResetsWhenTheConditionReturns() throws {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 0, keepFiringFor: 180)
        _ = try rule.evaluate([candidate()], at: 0)
        #expect(try rule.evaluate([], at: 60).isEmpty)
        #expect(rule.alerts[Self.labels]?.keepFiringSince == 60 && rule.alerts[Self.labels]?.state == .firing)
        #expect(try rule.evaluate([candidate()], at: 120).isEmpty)
        #expect(rule.alerts[Self.labels]?.keepFiringSince == nil)
        #expect(try rule.evaluate([], at: 180).isEmpty)
        #expect(try rule.evaluate([], at: 300).isEmpty, "held until 180 + 180")
        #expect(try rule.evaluate([], at: 360).map { [$0.from, $0.to] } == [[.firing, .inactive]])
        #expect(rule.alerts[Self.labels]?.resolvedAt == 360)
    }

    @Test func flappingStartsOverAsPendingAndResolvedAlertsAreResentThenForgotten() throws {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 60, keepFiringFor: 0)
        _ = try rule.evaluate([candidate()], at: 0)
        _ = try rule.evaluate([candidate()], at: 60)
        #expect(rule.takeDue(at: 60, resendDelay: 60, interval: 30).map(\.validUntil) == [60 + 240])
        #expect(rule.takeDue(at: 90, resendDelay: 60, interval: 30).isEmpty, "re-sent only after the resend delay")
        #expect(rule.takeDue(at: 121, resendDelay: 60, interval: 30).count == 1)
        _ = try rule.evaluate([], at: 150)
        let resolved = rule.takeDue(at: 150, resendDelay: 60, interval: 30)
        #expect(resolved.map(\.state) == [.inactive] && resolved.first?.resolvedAt == 150, "a resolution is sent at once")
        // Back after its resolution: a new pending alert with a new start.
        #expect(try rule.evaluate([candidate()], at: 180).map { [$0.from, $0.to] } == [[nil, .pending]])
        #expect(rule.alerts[Self.labels]?.activeAt == 180)
        _ = try rule.evaluate([candidate()], at: 240)
        _ = try rule.evaluate([], at: 300)
        for time in stride(from: 330.0, through: 300 + AlertRuleState.resolvedRetention, by: 30) {
            _ = try rule.evaluate([], at: time)
            #expect(rule.alerts[Self.labels]?.state == .inactive, "kept for re-sending at \(time)")
        }
        _ = try rule.evaluate([], at: 300 + AlertRuleState.resolvedRetention + 30)
        #expect(rule.alerts.isEmpty)
    }

    @Test func oneAlertPerLabelSetAndDuplicatesRefused() throws {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 0, keepFiringFor: 0)
        _ = try rule.evaluate([candidate(), candidate(Self.other, value: 0.9)], at: 0)
        #expect(states(rule).count == 2)
        #expect(throws: AlertEvaluationError.duplicateLabels(Self.labels)) {
            try rule.evaluate([candidate(), candidate(value: 0.1)], at: 60)
        }
        #expect(states(rule).values.allSatisfy { $0 == .firing } && rule.alerts[Self.labels]?.value == 0.7, "unchanged")
    }

    /// A restart in the middle of `for` keeps the start; in the middle of firing, it sends nothing
    /// before the resend delay is up.
    @Test func aRestoredStateResumesWithoutReNotifying() throws {
        var rule = AlertRuleState(alertName: "Drift", holdDuration: 120, keepFiringFor: 0)
        _ = try rule.evaluate([candidate(), candidate(Self.other)], at: 0)
        _ = try rule.evaluate([candidate(), candidate(Self.other)], at: 120)
        _ = try rule.evaluate([candidate(Self.other)], at: 180)
        _ = try rule.evaluate([candidate(), candidate(Self.other)], at: 240)
        #expect(rule.takeDue(at: 240, resendDelay: 60, interval: 60).map(\.labels) == [Self.other])
        let saved = try JSONEncoder().encode(rule)
        var restored = try JSONDecoder().decode(AlertRuleState.self, from: saved)
        #expect(restored == rule)
        #expect(restored.takeDue(at: 250, resendDelay: 60, interval: 60).isEmpty, "no storm after a restart")
        #expect(try restored.evaluate([candidate(), candidate(Self.other)], at: 360).map(\.labels) == [Self.labels])
        #expect(restored.alerts[Self.labels]?.activeAt == 240)
    }

    /// Real Prometheus (Debian's `promtool test rules`) runs the same rules on the same series:
    /// at every evaluation, its `ALERTS` series (pending and firing) and its firing alerts equal
    /// driftwatch's, over 24 random scenarios of 30 one-minute steps.
    @Test func promtoolAgreesOnEveryAlertState() throws {
        let promtool = try #require(ExternalTool.locate("promtool"), "promtool is missing: `make test` installs Debian's prometheus package")
        var generator = SplitMix64(seed: 77)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var checkedStates = 0
        for scenario in 0..<24 {
            let built = AlertScenario(&generator, index: scenario)
            checkedStates += built.expectedStates
            try Data(built.rulesFile.utf8).write(to: directory.appendingPathComponent("rules_\(scenario).yml"))
            let testFile = directory.appendingPathComponent("test_\(scenario).yml")
            try Data(built.testFile(rules: "rules_\(scenario).yml").utf8).write(to: testFile)
            let run = try ExternalTool.run(promtool, ["test", "rules", testFile.path])
            #expect(run.status == 0, "scenario \(scenario) (\(built.summary)):\n\(run.output.prefix(3000))")
        }
        #expect(checkedStates > 200, "the scenarios must exercise pending and firing alerts: \(checkedStates)")
    }
}

/// A random rule over two or three series with values or gaps (`stale`) at each minute, the
/// rule's state evaluated by driftwatch at each minute, and the promtool files stating it.
private struct AlertScenario {
    let alertName: String
    let expression: String
    let holdMinutes: Int
    let keepMinutes: Int
    let series: [(labels: SeriesLabels, values: [Double?])]
    let steps = 30
    var expectedStates = 0
    private var expectations = ""

    init(_ generator: inout SplitMix64, index: Int) {
        func pick<T>(_ choices: [T]) -> T { choices[Int(generator.next() % UInt64(choices.count))] }
        alertName = "Scenario\(index)"
        expression = pick(["d > 0.5", "max by (model) (d) > 0.5", "d >= 0.25 and on(model) rows > 100", "avg without (feature) (d) < 0.4"])
        holdMinutes = pick([0, 1, 3])
        keepMinutes = pick([0, 0, 2])
        var series: [(SeriesLabels, [Double?])] = []
        for model in ["m1", "m2"] {
            for feature in ["f1", "f2"] where model == "m1" || feature == "f1" {
                // Runs of a few minutes, so alerts get the time to fire.
                var values: [Double?] = []
                while values.count < 30 {
                    let value: Double? = generator.next() % 5 == 0 ? nil : pick([0, 0.25, 0.5, 0.75, 1])
                    values += Array(repeating: value, count: 1 + Int(generator.next() % 5))
                }
                series.append((SeriesLabels([("__name__", "d"), ("model", model), ("feature", feature)]), Array(values.prefix(30))))
            }
            series.append((SeriesLabels([("__name__", "rows"), ("model", model)]), Array(repeating: model == "m1" ? 500 : 50, count: 30)))
        }
        self.series = series
        let parsed = try! RuleExpressionParser.parse(expression)
        var state = AlertRuleState(alertName: alertName, holdDuration: Double(holdMinutes * 60), keepFiringFor: Double(keepMinutes * 60))
        for step in 0..<steps {
            let snapshot = SeriesSnapshot(series.compactMap { entry in entry.1[step].map { RuleSample(labels: entry.0, value: $0) } })
            let candidates = RuleEvaluator.evaluate(parsed, over: snapshot).map { sample in
                AlertCandidate(
                    labels: AlertCandidate.labels(of: sample, ruleLabels: ["severity": "page"], alertName: alertName),
                    annotations: ["summary": "drift"], value: sample.value)
            }
            _ = try! state.evaluate(candidates, at: Double(step * 60))
            let live = state.alerts.values.filter { $0.state != .inactive }.sorted { $0.labels < $1.labels }
            expectedStates += live.count
            expectations += "      - expr: 'ALERTS{alertname=\"\(alertName)\"}'\n        eval_time: \(step)m\n"
            expectations += live.isEmpty ? "        exp_samples: []\n" : "        exp_samples:\n" + live.map { alert in
                var labels = alert.labels
                labels["alertstate"] = alert.state.rawValue
                labels["__name__"] = "ALERTS"
                return "          - labels: '\(labels.description)'\n            value: 1\n"
            }.joined()
            let firing = live.filter { $0.state == .firing }
            expectations += "      - expr: 'ALERTS{alertname=\"\(alertName)\", alertstate=\"firing\"}'\n        eval_time: \(step)m\n"
            expectations += firing.isEmpty ? "        exp_samples: []\n" : "        exp_samples:\n" + firing.map { alert in
                var labels = alert.labels
                labels["alertstate"] = "firing"
                labels["__name__"] = "ALERTS"
                return "          - labels: '\(labels.description)'\n            value: 1\n"
            }.joined()
        }
    }

    var summary: String { "\(expression), for \(holdMinutes)m, keep_firing_for \(keepMinutes)m" }

    var rulesFile: String {
        """
        groups:
          - name: scenario
            interval: 1m
            rules:
              - alert: \(alertName)
                expr: '\(expression)'
                for: \(holdMinutes)m
                keep_firing_for: \(keepMinutes)m
                labels: {severity: page}
                annotations: {summary: drift}

        """
    }

    func testFile(rules: String) -> String {
        let input = series.map { entry in
            let values = entry.values.map { $0.map(PrometheusNumber.text) ?? "stale" }.joined(separator: " ")
            return "      - series: '\(entry.labels.description)'\n        values: '\(values)'\n"
        }.joined()
        return "rule_files: [\(rules)]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n\(input)    promql_expr_test:\n\(expectations)"
    }
}
