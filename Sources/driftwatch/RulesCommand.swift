import ArgumentParser
import DriftwatchServer
import Foundation
import Monitoring

/// `driftwatch rules`: tools for alert rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with alert rules.", subcommands: [RulesTestCommand.self])
}

/// `driftwatch rules test FILE…`: unit tests of alert rules in the style of `promtool test rules`.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests: given series values over time, check which alerts fire when.",
        discussion: """
            Each file has promtool's format (rule_files, evaluation_interval, tests with \
            input_series, alert_rule_test and promql_expr_test), with detector files as rule files. \
            Rules are evaluated at every evaluation_interval from 0 with Prometheus' semantics; \
            alert_rule_test lists the firing alerts expected at eval_time.

            Exit status: 0 when every test passes, 1 when one fails (each printed as promtool does: \
            what was expected and what was got), 2 when a file cannot be read or is invalid.
            """)

    @Argument(help: ArgumentHelp("Rule test files.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = false
        for path in files {
            let file: RuleTestFile
            do {
                file = try RuleTestFile.load(path)
            } catch {
                throw InputError("\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in \(path):\n\(error)")
            }
            var failures: [RuleTestRunner.Failure] = []
            for test in file.tests {
                failures += RuleTestRunner.run(test, rules: file.rules, evaluationInterval: file.evaluationInterval)
            }
            print("Unit testing: \(path)")
            if failures.isEmpty {
                print("  SUCCESS (\(file.tests.count) test\(file.tests.count == 1 ? "" : "s"))")
            } else {
                failed = true
                print("  FAILED:")
                for failure in failures { print("    " + failure.description.replacingOccurrences(of: "\n", with: "\n    ")) }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
