@testable import DriftStatistics

/// Cases of `parametric.json` (`scripts/fixtures/gen_parametric.py`) for one test.
enum ParametricFixture {
    static func cases(_ test: String) throws -> [FixtureCase] {
        try FixtureFile.load("parametric").cases.filter { ($0.fields["test"] as? String) == test }
    }
}
