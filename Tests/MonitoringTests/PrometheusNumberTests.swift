import Monitoring
import Testing

@Suite struct PrometheusNumberTests {
    /// Spellings of Go's `strconv.FormatFloat(x, 'g', -1, 64)` (Prometheus' own), with `-0.0` for
    /// negative zero.
    static let spellings: [(Double, String, canonical: String)] = [
        (0, "0", "0.0"), (-0.0, "-0.0", "-0.0"), (1, "1", "1.0"), (-1, "-1", "-1.0"), (0.5, "0.5", "0.5"),
        (1027, "1027", "1027.0"), (100_000, "100000", "100000.0"), (123_456.7, "123456.7", "123456.7"),
        (999_999, "999999", "999999.0"), (1e6, "1e+06", "1e+06"), (1_234_567, "1.234567e+06", "1.234567e+06"),
        (0.0001, "0.0001", "0.0001"), (0.000123, "0.000123", "0.000123"), (0.00001, "1e-05", "1e-05"),
        (1.5e-12, "1.5e-12", "1.5e-12"), (0.1 + 0.2, "0.30000000000000004", "0.30000000000000004"),
        (1e21, "1e+21", "1e+21"), (1e100, "1e+100", "1e+100"), (-2.5e-7, "-2.5e-07", "-2.5e-07"),
        (.leastNonzeroMagnitude, "5e-324", "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308", "1.7976931348623157e+308"),
        (.leastNormalMagnitude, "2.2250738585072014e-308", "2.2250738585072014e-308"),
        (9_007_199_254_740_992, "9.007199254740992e+15", "9.007199254740992e+15"),
        (.nan, "NaN", "NaN"), (.infinity, "+Inf", "+Inf"), (-.infinity, "-Inf", "-Inf"),
    ]

    @Test func goStyleSpellings() {
        for (value, text, canonical) in Self.spellings {
            #expect(PrometheusNumber.text(value) == text, "\(value)")
            #expect(PrometheusNumber.canonical(value) == canonical, "\(value)")
        }
    }

    /// Every spelling parses back to the same bits (Swift's parser; Python's in the conformance suite)
    /// and carries exactly the digits of Swift's shortest round-tripping description.
    @Test func spellingsRoundTrip() {
        var generator = SplitMix(seed: 20_261_121)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = PrometheusNumber.text(value)
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
            #expect(Self.significantDigits(text) == Self.significantDigits(value.description), "\(text) vs \(value)")
        }
    }

    /// The digits of a decimal spelling without sign, point, exponent and surrounding zeros.
    static func significantDigits(_ text: String) -> String {
        let mantissa = text.split(separator: "e")[0].filter { $0.isNumber }
        return String(mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.reversed())
    }
}

/// A 64-bit SplitMix generator for random bit patterns (every exponent, sign and subnormal).
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
