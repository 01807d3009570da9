import Foundation

/// Reads the fields of a `rank.json` case.
///
/// Samples are literal arrays or a recipe `[seed, count, offset, levels]` replayed with
/// SplitMix64 exactly as `gen_rank.py` does (uniform (next() >> 11) · 2⁻⁵³, floored to `levels`
/// integer levels when levels > 0, plus the offset), which keeps the 10k–100k-row cases out of
/// the JSON. Numbers are read here rather than with `FixtureCase.double`, whose Bool guard
/// rejects the JSON numbers 0.0 and 1.0 on Linux Foundation (they bridge to Bool), and these
/// fixtures are full of statistics of 0 and p-values of 1. A number may also be given as a
/// decimal string, parsed with the correctly rounded `Double(String)`: Foundation's JSON number
/// parser can miss the nearest double by an ulp on 17-digit values.
enum RankFixtureData {
    static func cases(_ test: String) throws -> [FixtureCase] {
        try FixtureFile.load("rank").cases.filter { (try? $0.string("test")) == test }
    }

    static func double(_ fixtureCase: FixtureCase, _ key: String) throws -> Double {
        guard let raw = fixtureCase.fields[key], let value = number(raw) else {
            throw FixtureError.malformed(fixtureCase.file, "case \(fixtureCase.index): no number '\(key)'")
        }
        return value
    }

    static func doubles(_ fixtureCase: FixtureCase, _ key: String) throws -> [Double] {
        guard let array = fixtureCase.fields[key] as? [Any] else {
            throw FixtureError.malformed(fixtureCase.file, "case \(fixtureCase.index): no array '\(key)'")
        }
        return try array.map { element in
            guard let value = number(element) else {
                throw FixtureError.malformed(fixtureCase.file, "case \(fixtureCase.index): '\(key)' has a non-number")
            }
            return value
        }
    }

    static func matrix(_ fixtureCase: FixtureCase, _ key: String) throws -> [[Double]] {
        guard let rows = fixtureCase.fields[key] as? [[Any]] else {
            throw FixtureError.malformed(fixtureCase.file, "case \(fixtureCase.index): no matrix '\(key)'")
        }
        return try rows.map { row in
            try row.map { element in
                guard let value = number(element) else {
                    throw FixtureError.malformed(fixtureCase.file, "case \(fixtureCase.index): '\(key)' has a non-number")
                }
                return value
            }
        }
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

    private static func number(_ raw: Any) -> Double? {
        if let value = raw as? NSNumber { return value.doubleValue }
        switch raw as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        case let text?: return Double(text)
        default: return nil
        }
    }
}
