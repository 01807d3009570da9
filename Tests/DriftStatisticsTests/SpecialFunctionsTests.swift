import Foundation
import Testing
@testable import DriftStatistics

/// The special functions against `special.json`: 60-digit mpmath values (`expected`) and
/// SciPy's (`scipy`), see `scripts/fixtures/gen_special.py`.
@Suite("SpecialFunctions conformance")
struct SpecialFunctionsTests {
    static func evaluate(_ function: String, _ args: [Double]) -> Double? {
        switch function {
        case "gammaP": return regularizedGammaP(args[0], args[1])
        case "gammaQ": return regularizedGammaQ(args[0], args[1])
        case "beta": return regularizedBeta(args[0], a: args[1], b: args[2])
        case "betaComplement": return regularizedBetaComplement(args[0], a: args[1], b: args[2])
        case "tCDF": return StudentTDistribution.cdf(args[0], degreesOfFreedom: args[1])
        case "tSurvival": return StudentTDistribution.survival(args[0], degreesOfFreedom: args[1])
        case "fSurvival":
            return FDistribution.survival(args[0], numeratorDegreesOfFreedom: args[1], denominatorDegreesOfFreedom: args[2])
        case "fCDF":
            return FDistribution.cdf(args[0], numeratorDegreesOfFreedom: args[1], denominatorDegreesOfFreedom: args[2])
        case "chi2Survival": return ChiSquaredDistribution.survival(args[0], degreesOfFreedom: args[1])
        case "chi2CDF": return ChiSquaredDistribution.cdf(args[0], degreesOfFreedom: args[1])
        case "logGamma": return logGamma(args[0])
        case "normalCDF": return NormalDistribution.cdf(args[0])
        case "normalSurvival": return NormalDistribution.survival(args[0])
        default: return nil
        }
    }

    static func relativeError(_ actual: Double, _ expected: Double) -> Double {
        if actual == expected { return 0 }
        return abs(actual - expected) / max(abs(expected), 1e-300)
    }

    @Test("every case within its tolerance of the exact value, and no farther from SciPy than SciPy is from it")
    func fixture() throws {
        let file = try FixtureFile.load("special")
        #expect(file.cases.count > 1000)
        var worst: [String: (Double, String)] = [:]
        for testCase in file.cases {
            let function = try testCase.string("function")
            let args = try hexFields(testCase, "args")
            let expected = try hexField(testCase, "expected")
            let scipy = try hexField(testCase, "scipy")
            guard let actual = Self.evaluate(function, args) else {
                Issue.record("\(testCase): unknown function \(function)")
                continue
            }
            if testCase.has("edge") {
                // NaN, 0, ½ and 1 exactly; ν = ∞ is the normal cdf, which SciPy's t reaches by
                // another formula that can differ in the last bit.
                expectClose(actual, expected, relative: 1e-15, absolute: 0, "\(testCase) \(function)\(args)")
                continue
            }
            // Stated accuracy: `tolerance` plus 2⁻⁵²·|ln value|. A result near 1e-300 is exp(E)
            // with |E| ≈ 690, and the one-ulp rounding of the logarithms that make up E (the
            // inputs' own ln x) moves it by up to that much; SciPy misses by more there.
            // Read as NSNumber: `FixtureCase.double` rejects a 0 or 1, which Linux's JSON
            // reader also bridges to Bool.
            let tolerance = ((testCase.fields["tolerance"] as? NSNumber)?.doubleValue ?? 1e-13)
                + 0x1p-52 * abs(log(max(abs(expected), 1e-300)))
            let error = Self.relativeError(actual, expected)
            if error > (worst[function]?.0 ?? -1) { worst[function] = (error, "\(args)") }
            expectClose(actual, expected, relative: tolerance, absolute: 1e-300, "\(testCase) \(function)\(args) vs exact")
            // SciPy is itself up to ~9e-13 from the exact value in some deep tails.
            let scipyDistance = abs(scipy - expected)
            #expect(
                abs(actual - scipy) <= max(tolerance * abs(expected), 1e-300) + scipyDistance,
                "\(testCase) \(function)\(args): got \(actual), SciPy \(scipy), exact \(expected)"
            )
        }
        for (function, entry) in worst.sorted(by: { $0.key < $1.key }) {
            print("worst relative error \(function): \(entry.0) at \(entry.1)")
        }
    }
}

/// A number written by the generator as exact hexadecimal text (`float.hex()`), or "inf"/"nan".
func hexNumber(_ text: String) -> Double? {
    switch text {
    case "inf": return .infinity
    case "-inf": return -.infinity
    case "nan": return .nan
    default: return Double(text)
    }
}

func hexField(_ testCase: FixtureCase, _ key: String) throws -> Double {
    guard let value = hexNumber(try testCase.string(key)) else {
        throw FixtureError.malformed(testCase.file, "case \(testCase.index): '\(key)' is not a number")
    }
    return value
}

func hexFields(_ testCase: FixtureCase, _ key: String) throws -> [Double] {
    try testCase.strings(key).map { text in
        guard let value = hexNumber(text) else {
            throw FixtureError.malformed(testCase.file, "case \(testCase.index): '\(key)' has a non-number")
        }
        return value
    }
}
