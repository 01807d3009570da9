import Testing
@testable import DriftStatistics

@Suite struct SortedAscendingTests {
    /// The exact order: numeric, with `-0.0` before `+0.0`; compared bit for bit so a lost or
    /// re-signed value fails.
    private func expectExactlySorted(_ values: [Double], _ context: String) {
        let expected = values.sorted { $0 < $1 || ($0 == 0 && $1 == 0 && $0.sign == .minus && $1.sign == .plus) }
        let actual = values.sortedAscending()
        #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "\(context)")
    }

    @Test(arguments: [0, 1, 2, 31, 32, 33, 64, 511, 512, 513, 4_097, 10_000, 200_000])
    func matchesComparisonSort(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let values = (0..<count).map { index -> Double in
            switch index % 5 {
            case 0: return Double.random(in: -1e300...1e300, using: &generator)
            case 1: return Double.random(in: -1...1, using: &generator)
            case 2: return Double(Int.random(in: -3...3, using: &generator))
            case 3: return Double.random(in: -1e-300...1e-300, using: &generator)
            default: return [0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude][index % 5]
            }
        }
        expectExactlySorted(values, "mixed \(count)")
    }

    @Test(arguments: [33, 100, 3_000, 100_000])
    func sortsSmoothAndClusteredSamples(count: Int) {
        var generator = SplitMix64(seed: 11 + UInt64(count))
        let normal = generator.normals(count, mean: 0, standardDeviation: 1)
        expectExactlySorted(normal, "normal \(count)")
        expectExactlySorted(normal.map { $0 * 1e150 }, "huge normal \(count)")
        expectExactlySorted(normal.map { 1 + $0 * 1e-12 }, "narrow normal \(count)")
        expectExactlySorted(normal.map { ($0 * 4).rounded() / 4 }, "heavy ties \(count)")
        expectExactlySorted(normal.map { $0 < 0 ? $0 - 1e6 : $0 + 1e6 }, "two far clusters \(count)")
        expectExactlySorted(normal.map { $0 / (generator.nextNormal()) }, "Cauchy tails \(count)")
        var outlier = normal
        outlier[count / 2] = 1e300
        expectExactlySorted(outlier, "one far outlier \(count)")
        outlier[count / 3] = -1e-200
        outlier[count / 4] = .infinity
        expectExactlySorted(outlier, "outliers and infinity \(count)")
    }

    @Test func spreadsOverEveryBinade() {
        // Magnitudes log-uniform over the whole double range defeat linear buckets at every level.
        var generator = SplitMix64(seed: 5)
        let values = (0..<50_000).map { index -> Double in
            let exponent = Int.random(in: -1074...1023, using: &generator)
            let magnitude = Double(sign: .plus, exponent: exponent, significand: 1 + generator.nextOpenUnit())
            return index % 2 == 0 ? magnitude : -magnitude
        }
        expectExactlySorted(values, "log-uniform magnitudes")
    }

    @Test func fallsBackOnASprayConvergingOnATie() {
        // Most values equal 1 and the rest approach it at every scale, so each level's largest
        // bucket keeps most values without being constant: the radix fallback sorts it.
        var generator = SplitMix64(seed: 1)
        let values = (0..<60_000).map { index -> Double in
            switch index % 5 {
            case 0, 1, 2: return 1
            case 3:
                let step = Double(sign: .plus, exponent: -Int.random(in: 1...52, using: &generator), significand: 1)
                return Bool.random(using: &generator) ? 1 + step : 1 - step
            default: return generator.nextNormal()
            }
        }
        expectExactlySorted(values, "spray converging on a tie")
    }

    @Test(arguments: [2, 33, 1_000, 70_000])
    func ordersSignedZerosAndEqualValues(count: Int) {
        var generator = SplitMix64(seed: 3 + UInt64(count))
        let zeros = (0..<count).map { _ in [0.0, -0.0][Int.random(in: 0...1, using: &generator)] }
        expectExactlySorted(zeros, "signed zeros \(count)")
        let few = (0..<count).map { _ in [0.0, -0.0, 1, -1, .leastNonzeroMagnitude][Int.random(in: 0...4, using: &generator)] }
        expectExactlySorted(few, "few values \(count)")
        expectExactlySorted(Array(repeating: 2.5, count: count), "all equal \(count)")
    }

    @Test func handlesExtremeRangesAndSubnormals() {
        var generator = SplitMix64(seed: 9)
        let subnormals = (0..<5_000).map { _ in Double(bitPattern: UInt64.random(in: 0...40, using: &generator)) * (Bool.random(using: &generator) ? 1 : -1) }
        expectExactlySorted(subnormals, "tiny subnormal range")
        let extremes = (0..<5_000).map { index in
            [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 1][index % 4] * generator.nextOpenUnit()
        } + [.greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        expectExactlySorted(extremes, "range overflows")
        let ulps = (0..<5_000).map { index in 1.0 + Double(index % 7) * Double.ulpOfOne }
        expectExactlySorted(ulps, "values a few ulps apart")
    }

    @Test func keepsInfinitiesAtTheEnds() {
        let values = [3.0, -.infinity, 0, .infinity, -2] + Array(repeating: 1.0, count: 600)
        let sorted = values.sortedAscending()
        #expect(sorted.first == -.infinity)
        #expect(sorted.last == .infinity)
        expectExactlySorted(values, "infinities")
    }
}
