import Foundation
import Monitoring
import Testing

/// Event numbers must be the double nearest to the decimal literal (as Swift's `Double(String)`,
/// which is correctly rounded), whichever path the reader takes.
@Suite struct JSONReaderTests {
    private func decodeAll(_ literals: [String]) throws -> [Double] {
        let body = literals.enumerated()
            .map { #"{"id":"n\#($0.offset)","features":{"x":\#($0.element)},"prediction":0}"# }
            .joined(separator: "\n")
        let schema = try ModelSchema(features: [FeatureSpec(name: "x", type: .numeric)], prediction: PredictionSpec(type: .regression))
        let result = try EventBatchDecoder(schema: schema).decodePredictions(Array(body.utf8), as: .ndjson)
        #expect(result.rejected.isEmpty, "\(result.rejected.prefix(3))")
        return result.accepted.map { event in
            if case let .number(value)? = event.features["x"] { return value }
            return .nan
        }
    }

    @Test func edgeLiterals() throws {
        let literals = [
            "0", "-0", "0.1", "1e22", "1e23", "9007199254740992", "9007199254740993", "0.30000000000000004",
            "123456789012345678901234567890", "4.9406564584124654e-324", "2.2250738585072011e-308",
            "1.7976931348623157e308", "1e-400", "0.000000000000000000000000000001", "-2.5E+3", "17.0e-0",
            "2.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203125",
        ]
        let values = try decodeAll(literals)
        for (literal, value) in zip(literals, values) {
            let expected = Double(literal) ?? .nan
            #expect(value.bitPattern == expected.bitPattern, "\(literal): \(value) vs \(expected)")
        }
        #expect(values[1].sign == .minus)
    }

    @Test func seventeenDigitValuesRoundTripBitExactly() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var doubles: [Double] = []
        var literals: [String] = []
        while doubles.count < 5000 {
            let value = Double(bitPattern: next())
            guard value.isFinite else { continue }
            doubles.append(value)
            literals.append(String(format: "%.16e", value))
        }
        // Random 17-significant-digit decimals too: not all of them are the shortest form of a double.
        for _ in 0..<5000 {
            let mantissa = 10_000_000_000_000_000 + next() % 90_000_000_000_000_000
            let exponent = Int(next() % 60) - 30
            let literal = "\(mantissa)e\(exponent)"
            literals.append(literal)
            doubles.append(Double(literal) ?? .nan)
        }
        let values = try decodeAll(literals)
        #expect(values.count == doubles.count)
        var mismatches = 0
        for (value, expected) in zip(values, doubles) where value.bitPattern != expected.bitPattern { mismatches += 1 }
        #expect(mismatches == 0)
    }

    /// Foundation's `JSONDecoder` (used for schemas and configuration) is correctly rounded too;
    /// `JSONSerialization` on Linux is not, which is why no event value goes through it.
    @Test func foundationJSONDecoderIsCorrectlyRounded() throws {
        var literals: [String] = []
        var mantissa: UInt64 = 12_345_678_901_234_567
        for index in 0..<3000 {
            mantissa = (mantissa &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) % 90_000_000_000_000_000
            literals.append("\(10_000_000_000_000_000 + mantissa)e\(index % 61 - 30)")
        }
        let decoded = try JSONDecoder().decode([Double].self, from: Data(("[" + literals.joined(separator: ",") + "]").utf8))
        let mismatches = zip(decoded, literals).filter { $0.0.bitPattern != (Double($0.1) ?? .nan).bitPattern }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
