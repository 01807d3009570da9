import Foundation
import LinearAlgebra

/// The cases of `multivariate.json` written for one detector (`kind`: mmd, pca or mahalanobis).
func multivariateCases(_ kind: String) throws -> [FixtureCase] {
    try FixtureFile.load("multivariate").cases.filter { $0.fields["kind"] as? String == kind }
}

// Swift Foundation on Linux reports a JSON number equal to 0 or 1 (even `0.0`) as `Bool`, which the
// shared `FixtureCase.double/rows` readers reject; these readers take every JSON number as a number.
extension FixtureCase {
    /// A number field, including the values 0 and 1.
    func number(_ key: String) throws -> Double {
        guard let value = fields[key] as? NSNumber else { throw FixtureError.malformed(file, "case \(index): no number '\(key)'") }
        return value.doubleValue
    }

    /// A list of numbers, including the values 0 and 1.
    func numbers(_ key: String) throws -> [Double] {
        guard let values = fields[key] as? [NSNumber] else { throw FixtureError.malformed(file, "case \(index): no numbers '\(key)'") }
        return values.map(\.doubleValue)
    }

    /// A matrix field stored as a list of rows.
    func matrix(_ key: String) throws -> Matrix<Double> {
        guard let rows = fields[key] as? [[NSNumber]] else { throw FixtureError.malformed(file, "case \(index): no matrix '\(key)'") }
        return try Matrix(rowMajor: rows.map { $0.map(\.doubleValue) })
    }

    /// A list of matrices, each stored as a list of rows.
    func matrices(_ key: String) throws -> [Matrix<Double>] {
        guard let list = fields[key] as? [[[NSNumber]]] else { throw FixtureError.malformed(file, "case \(index): no matrices '\(key)'") }
        return try list.map { rows in try Matrix(rowMajor: rows.map { $0.map(\.doubleValue) }) }
    }
}
