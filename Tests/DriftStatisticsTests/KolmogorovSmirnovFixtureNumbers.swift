import Foundation

/// Number readers for `ks.json` that accept every JSON number and hexadecimal-float strings.
/// On Linux, Foundation bridges the NSNumbers that JSONSerialization makes for 0, 1 and 1.0 to
/// `Bool` as well, so the shared `FixtureCase.double(_:)`/`doubles(_:)` reject them, and the KS
/// fixtures are full of them (statistic 1, p-value 1, discrete 0/1 data). The same reader can be
/// one ulp off on 17-digit decimals, so the special-function grids carry their arguments as
/// hexadecimal strings ("0x1.f2e8ba2e8ba2ep-1"), which parse exactly.
extension FixtureCase {
    func number(_ key: String) throws -> Double {
        guard let raw = fields[key], let value = Self.anyNumber(raw) else {
            throw FixtureError.malformed(file, "case \(index): no number '\(key)'")
        }
        return value
    }

    func numbers(_ key: String) throws -> [Double] {
        guard let array = fields[key] as? [Any] else { throw FixtureError.malformed(file, "case \(index): no array '\(key)'") }
        return try array.map { element in
            guard let value = Self.anyNumber(element) else {
                throw FixtureError.malformed(file, "case \(index): '\(key)' has a non-number")
            }
            return value
        }
    }

    private static func anyNumber(_ raw: Any) -> Double? {
        if let number = raw as? NSNumber { return number.doubleValue }
        guard let text = raw as? String else { return nil }
        return Double(text)
    }
}
