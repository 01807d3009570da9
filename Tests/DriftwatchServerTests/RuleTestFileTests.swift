import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing
import Yams

@testable import DriftwatchServer

/// The rule tests shipped in `detectors/tests/` (for the default rules, the fraud-detector
/// example and the metric-anomaly rules of operations.yaml) pass under `driftwatch rules test` and, written for the same rules as a Prometheus
/// rule file, under `promtool test rules`; the two copies are the same tests, and the two rule
/// files the same rules.
@Suite struct RuleTestFileTests {
    private static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("detectors/tests")

    @Test(arguments: ["default", "fraud-detector", "operations"])
    func theShippedTestsPassUnderBothAndAreTheSame(_ name: String) throws {
        let ourTests = Self.tests.appendingPathComponent("\(name)_test.yaml")
        let driftwatch = try DriftwatchProcess.run(["rules", "test", ourTests.path], in: Self.tests)
        #expect(driftwatch.status == 0, "\(driftwatch.standardOutput)\(driftwatch.standardError)")
        #expect(driftwatch.standardOutput.contains("SUCCESS"))
        let promtool = try #require(ExternalTool.locate("promtool"), "promtool is missing: `make test` installs Debian's prometheus package")
        let run = try ExternalTool.run(promtool, ["test", "rules", Self.tests.appendingPathComponent("promtool/\(name)_test.yml").path])
        #expect(run.status == 0, "\(run.output)")

        let ours = try String(contentsOf: ourTests, encoding: .utf8)
        let theirs = try String(contentsOf: Self.tests.appendingPathComponent("promtool/\(name)_test.yml"), encoding: .utf8)
        #expect(ours[ours.range(of: "evaluation_interval:")!.lowerBound...] == theirs[theirs.range(of: "evaluation_interval:")!.lowerBound...])

        let file = try RuleTestFile.load(ourTests.path)
        let groups = try #require(
            try Yams.load(yaml: String(contentsOf: Self.tests.appendingPathComponent("promtool/\(name)_rules.yml"), encoding: .utf8))
                as? [String: Any])
        let prometheusRules = ((groups["groups"] as? [[String: Any]])?.first?["rules"] as? [[String: Any]]) ?? []
        #expect(prometheusRules.count == file.rules.count)
        for (rule, theirs) in zip(file.rules, prometheusRules) {
            #expect(theirs["alert"] as? String == rule.name)
            #expect(try RuleExpressionParser.parse(theirs["expr"] as? String ?? "") == rule.expression, "\(rule.name)")
            let hold = try PrometheusDuration.milliseconds(theirs["for"] as? String ?? "0", allowingZero: true)
            #expect(Double(hold) / 1000 == rule.holdDuration, "\(rule.name)")
            let keep = try PrometheusDuration.milliseconds(theirs["keep_firing_for"] as? String ?? "0", allowingZero: true)
            #expect(Double(keep) / 1000 == rule.keepFiringFor, "\(rule.name)")
            #expect(theirs["labels"] as? [String: String] == rule.labels.mapValues(\.text), "\(rule.name)")
            #expect(theirs["annotations"] as? [String: String] == rule.annotations.mapValues(\.text), "\(rule.name)")
        }
    }

    /// A wrong expectation fails with exit status 1 and a diff of what was expected and got.
    @Test func aFailingTestExitsOneWithADiff() throws {
        let scratch = try ScratchDirectory()
        let original = try String(contentsOf: Self.tests.appendingPathComponent("default_test.yaml"), encoding: .utf8)
        let broken = original.replacingOccurrences(of: "rule_files: [../default.yaml]", with: "rule_files: [\(Self.tests.path)/../default.yaml]")
            .replacingOccurrences(of: "      - eval_time: 97m", with: "      - eval_time: 95m")
        let path = scratch.url.appendingPathComponent("broken_test.yaml")
        try Data(broken.utf8).write(to: path)
        let run = try DriftwatchProcess.run(["rules", "test", path.path], in: scratch.url)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("alertname: OutlierShare, time: 95m,\n        exp: [{labels: {detector=\"outliers\""), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("got: []"), "\(run.standardOutput)")
    }

    @Test func problemsInTheFileAreListedWithTheirPlace() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.url.appendingPathComponent("bad_test.yaml")
        try Data("rule_files: [missing.yaml]\ntests:\n  - input_series:\n      - series: 'x{a=~\"b\"}'\n        values: '1 2 q'\n".utf8)
            .write(to: path)
        let run = try DriftwatchProcess.run(["rules", "test", path.path], in: scratch.url)
        #expect(run.status == 2)
        #expect(run.standardError.contains("bad_test.yaml:1:14: rule_files[0]: cannot read"), "\(run.standardError)")
        #expect(run.standardError.contains("bad_test.yaml:4:17: tests[0].input_series[0].series: expected a series such as name{label=\"value\"}"), "\(run.standardError)")
        #expect(run.standardError.contains("bad_test.yaml:5:17: tests[0].input_series[0].values: 'q': expected a number"), "\(run.standardError)")
        try Data("rule_files: [a.yaml\ntests: []\n".utf8).write(to: path)
        let syntax = try DriftwatchProcess.run(["rules", "test", path.path], in: scratch.url)
        #expect(syntax.status == 2 && syntax.standardError.contains("bad_test.yaml:2:6: YAML:"), "\(syntax.standardError)")
    }
}
