import Foundation
import Testing
@testable import DriftStatistics

@Suite struct ReservoirSampleTests {
    /// Storage grows with the items instead of being reserved for `capacity` up front, and a full
    /// reservoir holds no more than `capacity` slots (give or take the allocator's rounding).
    @Test func storageGrowsWithTheItems() throws {
        var reservoir = try ReservoirSample<Double>(capacity: 10_000, seed: 7)
        #expect(reservoir.items.capacity == 0)
        reservoir.add(contentsOf: (0..<100).map(Double.init))
        #expect(reservoir.items.capacity < 1000)
        reservoir.add(contentsOf: (100..<50_000).map(Double.init))
        #expect(reservoir.items.count == 10_000)
        #expect(reservoir.items.capacity < 10_100)
    }

    /// The 0.999 quantile of the χ² distribution with 99 degrees of freedom (the critical value at
    /// α = 0.001), `scipy.stats.chi2.ppf(0.999, 99)` = 148.230…; hard-coded because the χ²
    /// distribution lands in DriftStatistics from another branch.
    static let chiSquare99Critical0001 = 148.23

    static let population = 100
    static let capacity = 10
    static let repetitions = 20_000

    /// Pearson's statistic for how often each of the `population` items was included, against the
    /// uniform expectation `repetitions·capacity/population`, scaled for sampling without
    /// replacement. Within one repetition the inclusions have variance p(1−p) and covariance
    /// −p(1−p)/(N−1) (p = k/N), so Σ(O−E)²/E has mean N(1−p) rather than N−1; dividing it by
    /// (1−p)·N/(N−1) makes it asymptotically χ² with N−1 = 99 degrees of freedom, so the 0.001
    /// critical value gives a test of the intended size rather than a lenient one.
    static func inclusionChiSquare(_ sample: (Int) throws -> [Int]) rethrows -> Double {
        var inclusions = [Int](repeating: 0, count: population)
        for repetition in 0..<repetitions {
            let items = try sample(repetition)
            precondition(items.count == capacity && Set(items).count == capacity, "test setup: a sample of \(items.count) items")
            for item in items { inclusions[item] += 1 }
        }
        let p = Double(capacity) / Double(population)
        let expected = Double(repetitions) * p
        let pearson = inclusions.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        return pearson / ((1 - p) * Double(population) / Double(population - 1))
    }

    /// Three reservoirs over the items 0..<10, 10..<40 and 40..<100, seeded per repetition.
    static func parts(_ repetition: Int) throws -> [ReservoirSample<Int>] {
        let ranges = [0..<10, 10..<40, 40..<100]
        return try ranges.enumerated().map { index, range throws(DriftStatisticsError) in
            var reservoir = try ReservoirSample<Int>(capacity: capacity, seed: UInt64(repetition * 3 + index) &* 0x2545_F491_4F6C_DD1D)
            reservoir.add(contentsOf: range)
            return reservoir
        }
    }

    @Test func singleReservoirIsUniform() throws {
        let statistic = try Self.inclusionChiSquare { repetition in
            var reservoir = try ReservoirSample<Int>(capacity: Self.capacity, seed: UInt64(repetition) &* 0x9E37_79B9)
            reservoir.add(contentsOf: 0..<Self.population)
            return reservoir.items
        }
        #expect(statistic < Self.chiSquare99Critical0001, "single reservoir: χ² = \(statistic)")
    }

    @Test func mergedReservoirIsUniform() throws {
        let leftToRight = try Self.inclusionChiSquare { repetition in
            let parts = try Self.parts(repetition)
            return parts[0].merging(parts[1]).merging(parts[2]).items
        }
        #expect(leftToRight < Self.chiSquare99Critical0001, "(A∪B)∪C: χ² = \(leftToRight)")
        let otherTree = try Self.inclusionChiSquare { repetition in
            let parts = try Self.parts(repetition)
            return parts[2].merging(parts[0].merging(parts[1])).items
        }
        #expect(otherTree < Self.chiSquare99Critical0001, "C∪(A∪B): χ² = \(otherTree)")
    }

    @Test func reservoirContinuedAfterAMergeIsUniform() throws {
        let statistic = try Self.inclusionChiSquare { repetition in
            let parts = try Self.parts(repetition)
            var merged = parts[0].merging(parts[1])
            merged.add(contentsOf: 40..<Self.population)
            return merged.items
        }
        #expect(statistic < Self.chiSquare99Critical0001, "continued after a merge: χ² = \(statistic)")
    }

    /// The negative control: a merge that takes half of the sample from each side whatever the
    /// stream sizes over-represents the small part, and the same check must reject it.
    @Test func wrongMergeFailsTheSameCheck() throws {
        func halfFromEach(_ a: [Int], _ b: [Int], using generator: inout SplitMix64) -> [Int] {
            Array(a.shuffled(using: &generator).prefix(Self.capacity / 2)) + Array(b.shuffled(using: &generator).prefix(Self.capacity / 2))
        }
        let statistic = try Self.inclusionChiSquare { repetition in
            let parts = try Self.parts(repetition)
            var generator = SplitMix64(seed: UInt64(repetition))
            let left = halfFromEach(parts[0].items, parts[1].items, using: &generator)
            return halfFromEach(left, parts[2].items, using: &generator)
        }
        #expect(statistic > Self.chiSquare99Critical0001, "the wrong merge passed: χ² = \(statistic)")
    }

    @Test func keepsEverythingUntilFullAndCountsTheStream() throws {
        var reservoir = try ReservoirSample<Int>(capacity: 5, seed: 1)
        reservoir.add(contentsOf: 0..<3)
        #expect(reservoir.items == [0, 1, 2])
        #expect(reservoir.seenCount == 3)
        reservoir.add(contentsOf: 3..<1000)
        #expect(reservoir.items.count == 5)
        #expect(Set(reservoir.items).count == 5)
        #expect(reservoir.seenCount == 1000)

        var same = try ReservoirSample<Int>(capacity: 5, seed: 1)
        same.add(contentsOf: 0..<1000)
        #expect(same == reservoir, "same seed, same items, same sample")
        var otherSeed = try ReservoirSample<Int>(capacity: 5, seed: 2)
        otherSeed.add(contentsOf: 0..<1000)
        #expect(otherSeed.items != reservoir.items)

        #expect(throws: DriftStatisticsError.invalidArgument(name: "capacity", reason: "must be at least 1, got 0")) {
            try ReservoirSample<Int>(capacity: 0, seed: 1)
        }
    }

    @Test func mergeSizesCapacitiesAndIdentity() throws {
        var small = try ReservoirSample<Int>(capacity: 3, seed: 5)
        small.add(contentsOf: 0..<2)
        var large = try ReservoirSample<Int>(capacity: 8, seed: 6)
        large.add(contentsOf: 100..<200)

        // Fewer items than the capacity in total: the union is kept whole.
        var tiny = try ReservoirSample<Int>(capacity: 8, seed: 7)
        tiny.add(contentsOf: 50..<53)
        let union = tiny.merging(try ReservoirSample<Int>(capacity: 8, seed: 8).merging(small))
        #expect(union.capacity == 3)
        #expect(union.seenCount == 5)
        #expect(union.items.count == 3)

        let mixed = small.merging(large)
        #expect(mixed.capacity == 3)
        #expect(mixed.seenCount == 102)
        #expect(mixed.items.count == 3)
        #expect(Set(mixed.items).isSubset(of: Set(small.items + large.items)))

        let emptyLarge = try ReservoirSample<Int>(capacity: 8, seed: 9)
        #expect(large.merging(emptyLarge) == large)
        #expect(emptyLarge.merging(large) == large)
        // An empty reservoir of smaller capacity still caps the merge.
        let emptySmall = try ReservoirSample<Int>(capacity: 2, seed: 10)
        let capped = large.merging(emptySmall)
        #expect(capped.capacity == 2 && capped.items.count == 2 && capped.seenCount == 100)
    }

    @Test func codableRoundTrip() throws {
        var reservoir = try ReservoirSample<Double>(capacity: 4, seed: 99)
        reservoir.add(contentsOf: [1.5, -2, 3e300, 0.25, 7, 8])
        let data = try JSONEncoder().encode(reservoir)
        var decoded = try JSONDecoder().decode(ReservoirSample<Double>.self, from: data)
        #expect(decoded == reservoir)
        // The generator state persists too: both continue identically.
        decoded.add(contentsOf: (0..<50).map(Double.init))
        reservoir.add(contentsOf: (0..<50).map(Double.init))
        #expect(decoded == reservoir)

        let wrongSize = Data(#"{"capacity":4,"items":[1,2],"seenCount":6,"randomState":1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReservoirSample<Double>.self, from: wrongSize) }
    }

    /// Doubles are written packed (base64 of their little-endian bits) and come back bit for bit;
    /// the array form that earlier versions wrote still decodes, to the same sample; non-double
    /// items stay an array.
    @Test func doublesArePackedAndTheArrayFormStillDecodes() throws {
        let subnormal = Double.leastNonzeroMagnitude * 3
        var reservoir = try ReservoirSample<Double>(capacity: 3, seed: 5)
        reservoir.add(contentsOf: [1.5, -0.0, subnormal])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(reservoir)
        let encoded = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        // 1.5 = 0x3FF8000000000000, -0 = 0x8000000000000000, 3 × 2⁻¹⁰⁷⁴ = 0x0000000000000003.
        let expectedBytes: [UInt8] = [0, 0, 0, 0, 0, 0, 0xF8, 0x3F] + [0, 0, 0, 0, 0, 0, 0, 0x80] + [3, 0, 0, 0, 0, 0, 0, 0]
        let packed = try #require(encoded?["itemsFloat64"] as? String)
        #expect(packed == Data(expectedBytes).base64EncodedString())
        #expect(encoded?["items"] == nil)
        let decoded = try JSONDecoder().decode(ReservoirSample<Double>.self, from: data)
        #expect(decoded.items.map(\.bitPattern) == reservoir.items.map(\.bitPattern))
        #expect(decoded == reservoir)

        var dyadic = try ReservoirSample<Double>(capacity: 3, seed: 5)
        dyadic.add(contentsOf: [1.5, -2, 0.25])
        let text = String(decoding: try encoder.encode(dyadic), as: UTF8.self)
        let dyadicPacked = try #require(
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["itemsFloat64"] as? String)
        let arrayForm = text.replacingOccurrences(of: #""itemsFloat64":"\#(dyadicPacked)""#, with: #""items":[1.5,-2,0.25]"#)
        #expect(arrayForm.contains(#""items":[1.5,-2,0.25]"#))
        #expect(try JSONDecoder().decode(ReservoirSample<Double>.self, from: Data(arrayForm.utf8)) == dyadic)
        let notAMultipleOf8 = Data(#"{"capacity":3,"itemsFloat64":"AAAA","seenCount":3,"randomState":1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReservoirSample<Double>.self, from: notAMultipleOf8) }

        var strings = try ReservoirSample<String>(capacity: 2, seed: 1)
        strings.add("a")
        let stringForm = try JSONSerialization.jsonObject(with: JSONEncoder().encode(strings)) as? [String: Any]
        #expect(stringForm?["items"] as? [String] == ["a"])
        #expect(try JSONDecoder().decode(ReservoirSample<String>.self, from: JSONEncoder().encode(strings)) == strings)
    }

    @Test func rowsArePackedWithTheirWidth() throws {
        var rows = try ReservoirSample<[Double]>(capacity: 4, seed: 9)
        rows.add(contentsOf: [[1.5, -0.0, .nan], [2, 3, 4], [5, 6, 7], [8, 9, 10], [11, 12, 13], [14, 15, 16]])
        let data = try JSONEncoder().encode(rows)
        let encoded = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(encoded?["rowWidth"] as? Int == 3)
        #expect(encoded?["items"] == nil)
        let decoded = try JSONDecoder().decode(ReservoirSample<[Double]>.self, from: data)
        #expect(decoded.items.map { $0.map(\.bitPattern) } == rows.items.map { $0.map(\.bitPattern) })
        #expect(decoded.seenCount == 6)

        let ragged = Data(#"{"capacity":3,"itemsFloat64":"AAAAAAAA+D8AAAAAAAD4Pw==","rowWidth":3,"seenCount":1,"randomState":1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReservoirSample<[Double]>.self, from: ragged) }
        var unequal = try ReservoirSample<[Double]>(capacity: 2, seed: 1)
        unequal.add(contentsOf: [[1], [2, 3]])
        #expect(try JSONDecoder().decode(ReservoirSample<[Double]>.self, from: JSONEncoder().encode(unequal)) == unequal)
    }

    @Test func lazyOffersDrawLikeEagerOnesAndBuildOnlyKeptItems() throws {
        var eager = try ReservoirSample<Int>(capacity: 50, seed: 21)
        var lazy = try ReservoirSample<Int>(capacity: 50, seed: 21)
        var built = 0
        for item in 0..<5000 {
            eager.add(item)
            lazy.add { built += 1; return item }
        }
        #expect(lazy == eager)
        // Expected builds: 50 + Σ_{n=51}^{5000} 50/n ≈ 50 + 50·ln(5000/50) ≈ 280.
        #expect(built > 50 && built < 600, "built \(built)")
    }
}
