import Testing
@testable import DriftStatistics

@Suite struct KolmogorovSmirnovTestTests {
    /// Every `scipy.stats.ks_2samp` case: statistic and p-value within 1e-9 relative.
    @Test func matchesSciPy() throws {
        let file = try FixtureFile.load("ks")
        var checked = 0
        var asymptotic = 0
        for fixture in file.cases where try fixture.string("kind") == "two_sample" {
            let result = try kolmogorovSmirnovTest(
                reference: try fixture.doubles("reference"), current: try fixture.doubles("current")
            )
            #expect(result.method == .ks)
            expectClose(result.statistic, try fixture.double("statistic"), "\(fixture) statistic")
            expectClose(result.pValue ?? .nan, try fixture.double("pvalue"), "\(fixture) p-value")
            checked += 1
            if try fixture.string("path") == "asymp" { asymptotic += 1 }
        }
        #expect(checked >= 150)
        #expect(asymptotic >= 10)
    }

    @Test func emptySamplesThrow() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try kolmogorovSmirnovTest(reference: [], current: [1])
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try kolmogorovSmirnovTest(reference: [1], current: [])
        }
    }

    @Test func nonFiniteValuesThrow() {
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 1, value: .infinity)) {
            try kolmogorovSmirnovTest(reference: [1, .infinity], current: [1])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 0, value: -.infinity)) {
            try kolmogorovSmirnovTest(reference: [1], current: [-.infinity, 2])
        }
        do {
            _ = try kolmogorovSmirnovTest(reference: [1, 2], current: [3, .nan])
            Issue.record("NaN accepted")
        } catch {
            guard case .nonFiniteValue(.current, index: 1, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func singleAndAllEqualValues() throws {
        let apart = try kolmogorovSmirnovTest(reference: [1], current: [2])
        #expect(apart.statistic == 1)
        #expect(apart.pValue == 1)
        let same = try kolmogorovSmirnovTest(reference: [4, 4, 4], current: [4, 4])
        #expect(same.statistic == 0)
        #expect(same.pValue == 1)
        let negativeZero = try kolmogorovSmirnovTest(reference: [-0.0, 1], current: [0.0, 1])
        #expect(negativeZero.statistic == 0)
    }

    @Test func hugeMagnitudesOnlyNeedOrder() throws {
        let small = try kolmogorovSmirnovTest(reference: [1, 2, 3, 4], current: [2.5, 5, 6])
        let huge = try kolmogorovSmirnovTest(
            reference: [1e300, 2e300, 3e300, 4e300], current: [2.5e300, 5e300, 6e300]
        )
        #expect(small == huge)
        let mixed = try kolmogorovSmirnovTest(
            reference: [-.greatestFiniteMagnitude, 0], current: [.greatestFiniteMagnitude, 1]
        )
        #expect(mixed.statistic == 1)
    }

    /// Above 2¹⁸ pooled values the merge walk is split into concurrent ranges cut at values of
    /// the reference sample; with heavy ties at the cut points the statistic must equal the
    /// direct definition (both ECDFs evaluated at every pooled value by binary search).
    @Test func concurrentWalkMatchesTheDefinition() throws {
        var generator = SplitMix64(seed: 99)
        let reference = (0..<150_000).map { _ in (generator.nextNormal() * 20).rounded() }
        let current = (0..<140_001).map { _ in (generator.nextNormal() * 20 + 0.3).rounded() }
        let result = try kolmogorovSmirnovTest(reference: reference, current: current)
        let a = reference.sorted()
        let b = current.sorted()
        func countAtOrBelow(_ values: [Double], _ value: Double) -> Int {
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var largest = -Double.infinity
        var smallest = Double.infinity
        for value in Set(a + b) {
            let difference = Double(countAtOrBelow(a, value)) / Double(a.count)
                - Double(countAtOrBelow(b, value)) / Double(b.count)
            largest = max(largest, difference)
            smallest = min(smallest, difference)
        }
        #expect(result.statistic == max(largest, min(max(-smallest, 0), 1)))
    }

    @Test func symmetricInTheSamples() throws {
        var generator = SplitMix64(seed: 7)
        let a = generator.normals(37)
        let b = generator.normals(53, mean: 0.4)
        let forward = try kolmogorovSmirnovTest(reference: a, current: b)
        let backward = try kolmogorovSmirnovTest(reference: b, current: a)
        #expect(forward == backward)
    }

    /// Under no drift the test rejects at about its nominal level. The exact distribution of a
    /// discrete statistic makes the test conservative, so sizes are picked whose attainable
    /// levels sit near 0.05 (n = 50 and 40: P(D ≥ 0.28) ≈ 0.048).
    @Test func calibratedUnderNoDrift() throws {
        var generator = SplitMix64(seed: 20_261_121)
        let simulations = 2_000
        var rejections = 0
        for _ in 0..<simulations {
            let reference = generator.normals(50)
            let current = generator.normals(40)
            let result = try kolmogorovSmirnovTest(reference: reference, current: current)
            if let p = result.pValue, p < 0.05 { rejections += 1 }
        }
        let rate = Double(rejections) / Double(simulations)
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
