import DriftStatistics

/// Reads the fields of a `rank.json` case.
///
/// Samples are literal arrays or a recipe `[seed, count, offset, levels]` replayed with
/// SplitMix64 exactly as `gen_rank.py` does (uniform (next() >> 11) · 2⁻⁵³, floored to `levels`
/// integer levels when levels > 0, plus the offset), which keeps the 10k–100k-row cases out of
/// the JSON.
enum RankFixtureData {
    static func cases(_ test: String) throws -> [FixtureCase] {
        try FixtureFile.load("rank").cases.filter { (try? $0.string("test")) == test }
    }

    static func double(_ fixtureCase: FixtureCase, _ key: String) throws -> Double {
        try fixtureCase.double(key)
    }

    static func doubles(_ fixtureCase: FixtureCase, _ key: String) throws -> [Double] {
        try fixtureCase.doubles(key)
    }

    static func matrix(_ fixtureCase: FixtureCase, _ key: String) throws -> [[Double]] {
        try fixtureCase.rows(key)
    }

    static func sample(_ fixtureCase: FixtureCase, _ key: String) throws -> [Double] {
        if fixtureCase.has(key) { return try doubles(fixtureCase, key) }
        let recipe = try doubles(fixtureCase, "\(key)_recipe")
        var generator = SplitMix64(seed: UInt64(recipe[0]))
        let levels = recipe[3]
        return (0..<Int(recipe[1])).map { _ in
            let uniform = Double(generator.next() >> 11) * 0x1p-53
            return levels > 0 ? (uniform * levels).rounded(.down) + recipe[2] : uniform + recipe[2]
        }
    }
}
