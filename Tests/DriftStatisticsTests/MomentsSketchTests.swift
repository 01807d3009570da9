import Foundation
import Testing
@testable import DriftStatistics

/// `sketches.json` as a typed view: every case has the same fields, so a `Decodable` struct reads
/// it more plainly than the shared field-by-field `FixtureFile` (`JSONDecoder` parses numbers
/// correctly rounded, as that loader does).
private struct MomentsFixture: Decodable {
    struct Case: Decodable, CustomStringConvertible {
        let name: String
        let values: [Double]
        let count: Int
        let minimum: Double
        let maximum: Double
        let exact_mean: Double
        let exact_var0: Double
        let exact_var1: Double?
        let numpy_mean: Double
        let numpy_var0: Double
        let numpy_var1: Double?
        let numpy_exact: Bool

        var description: String { "sketches.json \(name)" }
    }

    let generator: String
    let cases: [Case]

    static func load() throws -> MomentsFixture {
        guard let url = Bundle.module.url(forResource: "sketches", withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError.missing("sketches")
        }
        return try JSONDecoder().decode(MomentsFixture.self, from: Data(contentsOf: url))
    }
}

@Suite struct MomentsSketchTests {
    /// Checks one sketch against a fixture case: exactly rounded values at 1e-12 always, NumPy's
    /// at 1e-12 where the generator found NumPy itself exact to 1e-13 (see gen_sketches.py).
    private func check(_ sketch: MomentsSketch, _ testCase: MomentsFixture.Case, _ path: String) {
        let context = "\(testCase) [\(path)]"
        #expect(sketch.count == testCase.count, "\(context) count")
        #expect(sketch.minimum == testCase.minimum, "\(context) minimum")
        #expect(sketch.maximum == testCase.maximum, "\(context) maximum")
        var pairs: [(String, Double?, Double, Double)] = [
            ("mean", sketch.mean, testCase.exact_mean, testCase.numpy_mean),
            ("var0", sketch.variance(degreesOfFreedom: .population), testCase.exact_var0, testCase.numpy_var0),
        ]
        if let exact = testCase.exact_var1, let numpy = testCase.numpy_var1 {
            pairs.append(("var1", sketch.variance(degreesOfFreedom: .sample), exact, numpy))
        } else {
            #expect(sketch.variance(degreesOfFreedom: .sample) == nil, "\(context) var1 of one value")
        }
        for (label, actual, exact, numpy) in pairs {
            guard let actual else {
                Issue.record("\(context) \(label) is nil")
                continue
            }
            expectClose(actual, exact, relative: 1e-12, "\(context) \(label) vs exact")
            if testCase.numpy_exact {
                expectClose(actual, numpy, relative: 1e-12, "\(context) \(label) vs numpy")
            }
        }
    }

    @Test func matchesNumPyAndExactValuesOnTheFixture() throws {
        let fixture = try MomentsFixture.load()
        #expect(fixture.generator == "scripts/fixtures/gen_sketches.py")
        #expect(fixture.cases.count >= 15)
        #expect(fixture.cases.contains { !$0.numpy_exact }, "the fixture documents where NumPy is not exact")
        for testCase in fixture.cases {
            let values = testCase.values
            check(try MomentsSketch(values), testCase, "batch")

            var oneByOne = MomentsSketch()
            for value in values { try oneByOne.add(value) }
            check(oneByOne, testCase, "one by one")

            let third = max(1, values.count / 3)
            var merged = MomentsSketch()
            for start in stride(from: 0, to: values.count, by: third).reversed() {
                merged.merge(try MomentsSketch(Array(values[start..<min(start + third, values.count)])))
            }
            check(merged, testCase, "three parts merged backwards")
        }
    }

    private static func randomData(_ kind: Int, count: Int, using generator: inout SplitMix64) -> [Double] {
        switch kind {
        case 0: return generator.normals(count, mean: 2, standardDeviation: 3)
        case 1: return generator.normals(count, mean: 1e12, standardDeviation: 1)
        case 2: return generator.normals(count, mean: 0, standardDeviation: 1e150)
        case 3: return (0..<count).map { _ in Double(Int.random(in: -2...2, using: &generator)) }
        default: return generator.normals(count, mean: -1e150, standardDeviation: 1e140)
        }
    }

    @Test func mergingPartsEqualsTheWhole() throws {
        var generator = SplitMix64(seed: 7)
        for trial in 0..<100 {
            let kind = trial % 5
            let values = Self.randomData(kind, count: Int.random(in: 10...400, using: &generator), using: &generator)
            let whole = try MomentsSketch(values)
            let parts = SketchMergeOrders.split(values, parts: Int.random(in: 2...10, using: &generator), using: &generator)
            var sketches: [MomentsSketch] = []
            for (index, part) in parts.enumerated() {
                if index.isMultiple(of: 2) {
                    sketches.append(try MomentsSketch(part))
                } else {
                    var sketch = MomentsSketch()
                    for value in part { try sketch.add(value) }
                    sketches.append(sketch)
                }
            }
            let sequential = SketchMergeOrders.sequentially(sketches, using: &generator) { $0.merging($1) }
            let tree = SketchMergeOrders.asTree(sketches, using: &generator) { $0.merging($1) }
            for (label, merged) in [("sequential", sequential), ("tree", tree)] {
                let context = "trial \(trial) kind \(kind) \(label) of \(parts.count) parts"
                #expect(merged.count == whole.count, "\(context)")
                #expect(merged.minimum == whole.minimum, "\(context)")
                #expect(merged.maximum == whole.maximum, "\(context)")
                expectClose(merged.mean ?? .nan, whole.mean ?? 0, relative: 1e-12, "\(context) mean")
                for ddof in MomentsSketch.DeltaDegreesOfFreedom.allCases {
                    expectClose(
                        merged.variance(degreesOfFreedom: ddof) ?? .nan, whole.variance(degreesOfFreedom: ddof) ?? 0,
                        relative: 1e-12, "\(context) variance ddof \(ddof.rawValue)"
                    )
                }
            }
        }
    }

    @Test func emptySketchIsTheIdentityOfMerge() throws {
        let sketch = try MomentsSketch([1.5, -2, 8, 1e-3])
        #expect(sketch.merging(MomentsSketch()) == sketch)
        #expect(MomentsSketch().merging(sketch) == sketch)
        #expect(MomentsSketch().merging(MomentsSketch()) == MomentsSketch())
        var unchanged = sketch
        try unchanged.add(contentsOf: [])
        #expect(unchanged == sketch)
    }

    @Test func emptyAndSingleValueEdges() throws {
        let empty = MomentsSketch()
        #expect(empty.count == 0)
        #expect(empty.mean == nil && empty.minimum == nil && empty.maximum == nil)
        #expect(empty.sumOfSquaredDeviations == 0)
        #expect(empty.variance(degreesOfFreedom: .population) == nil)
        #expect(empty.standardDeviation(degreesOfFreedom: .sample) == nil)

        var single = MomentsSketch()
        try single.add(-4.25)
        #expect(single.mean == -4.25)
        #expect(single.variance(degreesOfFreedom: .population) == 0)
        #expect(single.variance(degreesOfFreedom: .sample) == nil)

        let equal = try MomentsSketch(Array(repeating: 0.1, count: 1000))
        #expect(equal.mean == 0.1)
        #expect(equal.variance(degreesOfFreedom: .sample) == 0)
        var equalOneByOne = MomentsSketch()
        for _ in 0..<1000 { try equalOneByOne.add(0.1) }
        #expect(equalOneByOne.variance(degreesOfFreedom: .sample) == 0)

        let pair = try MomentsSketch([1, 3])
        #expect(pair.standardDeviation(degreesOfFreedom: .population) == 1)
        #expect(pair.standardDeviation(degreesOfFreedom: .sample) == 2.0.squareRoot())
    }

    @Test func rejectsNonFiniteValuesAndStaysUnchanged() throws {
        var sketch = try MomentsSketch([1, 2, 3])
        let before = sketch
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 3, value: .infinity)) {
            try sketch.add(.infinity)
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 1, value: -.infinity)) {
            try sketch.add(contentsOf: [5, -.infinity, .nan], role: .reference)
        }
        // An overflowing block before the NaN must not hide it.
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 300, value: -.infinity)) {
            try sketch.add(contentsOf: Array(repeating: 1e308, count: 300) + [-.infinity])
        }
        #expect(sketch == before)
        do {
            try sketch.add(.nan)
            Issue.record("NaN was accepted")
        } catch {
            guard case .nonFiniteValue(.current, index: 3, let value) = error, value.isNaN else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func hugeMagnitudes() throws {
        // Deviations of 1e140 around 1e150: M2 depends on deviations only, so the squares of the
        // values (1e300, summed past the double range) never appear.
        let low = 1e150 - 1e140
        let high = 1e150 + 1e140
        let spread = try MomentsSketch(Array(repeating: low, count: 1000) + Array(repeating: high, count: 1000))
        let halfGap = (high - low) / 2
        expectClose(spread.variance(degreesOfFreedom: .population) ?? .nan, halfGap * halfGap, relative: 1e-12, "1e150 ± 1e140")

        // The largest doubles of both signs: the mean stays finite, M2 overflows to +∞, no NaN.
        let extremes = [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .greatestFiniteMagnitude]
        for sketch in [try MomentsSketch(extremes), try extremes.reduce(into: MomentsSketch()) { try $0.add($1) }] {
            #expect(sketch.mean.map { $0.isFinite && $0 > 0 } == true)
            expectClose(sketch.mean ?? .nan, Double.greatestFiniteMagnitude / 3, relative: 1e-12, "mean of extremes")
            #expect(sketch.sumOfSquaredDeviations == .infinity)
            #expect(sketch.variance(degreesOfFreedom: .sample) == .infinity)
        }

        // The sum overflows although every value is finite: the batch falls back to one-value
        // updates, whose mean stays exact to rounding (distinct doubles this large are at least
        // 2e292 apart, so their M2 always overflows).
        let large = try MomentsSketch(Array(repeating: 1e308, count: 4) + [1.2e308])
        expectClose(large.mean ?? .nan, 1.04e308, relative: 1e-12, "mean past the sum's range")
        #expect(large.variance(degreesOfFreedom: .population) == .infinity)
        let equalLarge = try MomentsSketch(Array(repeating: 1e308, count: 5))
        #expect(equalLarge.mean == 1e308)
        #expect(equalLarge.variance(degreesOfFreedom: .population) == 0)

        // Deviations of 1e155 square past the double range, as in NumPy.
        let overflow = try MomentsSketch([-1e155, 1e155])
        #expect(overflow.mean == 0)
        #expect(overflow.variance(degreesOfFreedom: .population) == .infinity)
    }

    @Test func codableRoundTrip() throws {
        var generator = SplitMix64(seed: 11)
        let sketches = [
            MomentsSketch(),
            try MomentsSketch([42]),
            try MomentsSketch(generator.normals(500, mean: 1e12, standardDeviation: 1)),
        ]
        for sketch in sketches {
            let data = try JSONEncoder().encode(sketch)
            #expect(try JSONDecoder().decode(MomentsSketch.self, from: data) == sketch)
        }

        let overflowed = try MomentsSketch([-1e155, 1e155])
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try decoder.decode(MomentsSketch.self, from: encoder.encode(overflowed)) == overflowed)

        let corrupt = Data(#"{"count":2,"mean":1,"meanCompensation":0,"sumOfSquaredDeviations":-1,"sumOfSquaredDeviationsCompensation":0,"minimum":0,"maximum":2}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MomentsSketch.self, from: corrupt) }
    }
}
