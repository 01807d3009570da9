/// The cases of `Fixtures/distances.json` (written by `scripts/fixtures/gen_distances.py`) of the
/// given kinds: "cdf", "numeric_binned", "categorical_binned", "counts".
enum DistancesFixture {
    static func cases(_ kinds: String...) throws -> [FixtureCase] {
        try FixtureFile.load("distances").cases.filter { kinds.contains((try? $0.string("kind")) ?? "") }
    }
}
