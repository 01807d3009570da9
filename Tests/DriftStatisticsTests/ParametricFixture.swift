import Foundation
@testable import DriftStatistics

/// Cases of `parametric.json` (`scripts/fixtures/gen_parametric.py`) for one test.
///
/// Numbers are read through NSNumber directly: `FixtureCase.double`/`doubles` reject 0 and 1,
/// which Foundation's JSON reader on Linux also bridges to Bool, and discrete samples are full
/// of them.
enum ParametricFixture {
    static func cases(_ test: String) throws -> [FixtureCase] {
        try FixtureFile.load("parametric").cases.filter { ($0.fields["test"] as? String) == test }
    }

    static func number(_ testCase: FixtureCase, _ key: String) throws -> Double {
        guard let raw = testCase.fields[key], let value = decode(raw) else {
            throw FixtureError.malformed(testCase.file, "case \(testCase.index): no number '\(key)'")
        }
        return value
    }

    static func numbers(_ testCase: FixtureCase, _ key: String) throws -> [Double] {
        guard let array = testCase.fields[key] as? [Any] else {
            throw FixtureError.malformed(testCase.file, "case \(testCase.index): no array '\(key)'")
        }
        return try array.map { element in
            guard let value = decode(element) else {
                throw FixtureError.malformed(testCase.file, "case \(testCase.index): '\(key)' has a non-number")
            }
            return value
        }
    }

    private static func decode(_ raw: Any) -> Double? {
        if let number = raw as? NSNumber { return number.doubleValue }
        switch raw as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return nil
        }
    }
}
