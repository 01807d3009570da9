/// The cases of `Fixtures/performance.json` (written by `scripts/fixtures/gen_performance.py`) of
/// one kind: "roc_auc", "binary", "multiclass" or "regression".
enum PerformanceFixture {
    /// The zero_division values whose results the binary and multiclass cases list, in order.
    static let zeroDivisions: [Double] = [0, 1, .nan]

    static func cases(_ kind: String) throws -> [FixtureCase] {
        try FixtureFile.load("performance").cases.filter { (try? $0.string("kind")) == kind }
    }

    /// 0/1 labels as booleans.
    static func booleans(_ fixtureCase: FixtureCase, _ key: String) throws -> [Bool] {
        try fixtureCase.ints(key).map { $0 == 1 }
    }
}
