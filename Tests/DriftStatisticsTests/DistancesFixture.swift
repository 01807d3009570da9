import Foundation

/// The cases of `Fixtures/distances.json` (written by `scripts/fixtures/gen_distances.py`) of the
/// given kinds: "cdf", "numeric_binned", "categorical_binned", "counts".
enum DistancesFixture {
    static func cases(_ kinds: String...) throws -> [FixtureCase] {
        try FixtureFile.load("distances").cases.filter { kinds.contains((try? $0.string("kind")) ?? "") }
    }
}

extension FixtureCase {
    /// A number that may be exactly 0 or 1. On Linux, Foundation bridges a JSON 0 or 1 to `Bool`
    /// as well as to `NSNumber`, so the shared `double(_:)` and `doubles(_:)`, which refuse
    /// booleans, reject those values; this file holds no booleans in numeric fields.
    func real(_ key: String) throws -> Double {
        guard let value = Self.real(fields[key]) else { throw FixtureError.malformed(file, "case \(index): no number '\(key)'") }
        return value
    }

    func reals(_ key: String) throws -> [Double] {
        guard let array = fields[key] as? [Any] else { throw FixtureError.malformed(file, "case \(index): no array '\(key)'") }
        return try array.map { element in
            guard let value = Self.real(element) else { throw FixtureError.malformed(file, "case \(index): '\(key)' has a non-number") }
            return value
        }
    }

    private static func real(_ raw: Any?) -> Double? {
        if let number = raw as? NSNumber { return number.doubleValue }
        switch raw as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return nil
        }
    }
}
