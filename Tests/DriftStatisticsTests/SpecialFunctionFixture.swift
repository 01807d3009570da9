import Foundation
import Testing

/// Cases of `special.json` (`scripts/fixtures/gen_special.py`): each holds exact hexadecimal
/// arguments, the 60-digit mpmath value (`expected`), SciPy's value (`scipy`) and a tolerance.
///
/// Numbers are hexadecimal text, so each argument is an exact double whatever reads the file:
/// one ulp in x moves Iₓ(1e5, b) by 1e-11.
enum SpecialFunctionFixture {
    /// Checks `evaluate` on every case of the named functions and returns the number checked.
    ///
    /// A case passes when its relative error against the exact value is at most its tolerance
    /// (1e-13 unless the case says otherwise) plus 2⁻⁵²·|ln value|: a result near 1e-300 is
    /// exp(E) with |E| ≈ 690, and the one-ulp rounding of the logarithms inside E (ln x of the
    /// inputs themselves) moves it by up to that much. It must also be no farther from SciPy than
    /// that tolerance plus SciPy's own distance from the exact value (SciPy itself is off by up
    /// to ~9e-13 in some deep tails). Edge cases (NaN, 0, ½, 1 answers) must match SciPy to 1e-15.
    @discardableResult
    static func check(_ functions: Set<String>, _ evaluate: (String, [Double]) -> Double) throws -> Int {
        let file = try FixtureFile.load("special")
        var checked = 0
        var worst = (error: 0.0, where: "")
        for testCase in file.cases {
            let function = try testCase.string("function")
            guard functions.contains(function) else { continue }
            checked += 1
            let args = try hexNumbers(testCase, "args")
            let expected = try hexNumber(testCase, "expected")
            let scipy = try hexNumber(testCase, "scipy")
            let actual = evaluate(function, args)
            if testCase.has("edge") {
                // ν = ∞ is the normal cdf, which SciPy's t reaches by a formula that can differ
                // in the last bit.
                expectClose(actual, expected, relative: 1e-15, absolute: 0, "\(testCase) \(function)\(args)")
                continue
            }
            let tolerance = (testCase.has("tolerance") ? try testCase.double("tolerance") : 1e-13)
                + 0x1p-52 * abs(log(max(abs(expected), 1e-300)))
            expectClose(actual, expected, relative: tolerance, absolute: 1e-300, "\(testCase) \(function)\(args) vs exact")
            #expect(
                abs(actual - scipy) <= max(tolerance * abs(expected), 1e-300) + abs(scipy - expected),
                "\(testCase) \(function)\(args): got \(actual), SciPy \(scipy), exact \(expected)"
            )
            let error = actual == expected ? 0 : abs(actual - expected) / max(abs(expected), 1e-300)
            if error > worst.error { worst = (error, "\(function)\(args)") }
        }
        print("\(functions.sorted()): \(checked) cases, largest relative error \(worst.error) at \(worst.where)")
        return checked
    }

    private static func decode(_ text: String) -> Double? {
        switch text {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return Double(text)
        }
    }

    private static func hexNumber(_ testCase: FixtureCase, _ key: String) throws -> Double {
        guard let value = decode(try testCase.string(key)) else {
            throw FixtureError.malformed(testCase.file, "case \(testCase.index): '\(key)' is not a number")
        }
        return value
    }

    private static func hexNumbers(_ testCase: FixtureCase, _ key: String) throws -> [Double] {
        try testCase.strings(key).map { text in
            guard let value = decode(text) else {
                throw FixtureError.malformed(testCase.file, "case \(testCase.index): '\(key)' has a non-number")
            }
            return value
        }
    }
}
