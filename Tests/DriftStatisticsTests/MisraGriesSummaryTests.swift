import Foundation
import Testing
@testable import DriftStatistics

@Suite struct MisraGriesSummaryTests {
    /// A skewed stream over `alphabet` names: name i has probability ∝ the length of
    /// [(i/a)^(1/3), ((i+1)/a)^(1/3)), so a few names are heavy and many are rare.
    static func skewedStream(count: Int, alphabet: Int, using generator: inout SplitMix64) -> [String] {
        (0..<count).map { _ in
            let u = generator.nextOpenUnit()
            return "name\(Int(Double(alphabet) * u * u * u))"
        }
    }

    /// Checks the documented guarantee of `summary` against the exact counts of `stream`.
    static func checkGuarantee(_ summary: MisraGriesSummary, stream: [String], _ context: String) {
        var exact: [String: Int] = [:]
        for name in stream { exact[name, default: 0] += 1 }
        #expect(summary.total == stream.count, "\(context) total")
        #expect(summary.counters.count <= summary.capacity, "\(context) size")
        #expect(summary.counters.values.allSatisfy { $0 > 0 }, "\(context) positive counters")
        let bound = summary.maximumUndercount
        #expect(bound * (summary.capacity + 1) <= stream.count, "\(context) bound ≤ N/(k+1)")
        for name in Set(exact.keys).union(summary.counters.keys) {
            let truth = exact[name] ?? 0
            let estimate = summary.estimate(of: name)
            #expect(estimate <= truth, "\(context) \(name) overcounted: \(estimate) > \(truth)")
            #expect(truth - estimate <= bound, "\(context) \(name) undercounted by \(truth - estimate) > \(bound)")
            if truth * (summary.capacity + 1) > stream.count {
                #expect(summary.counters[name] != nil, "\(context) heavy \(name) (\(truth) of \(stream.count)) not tracked")
            }
        }
    }

    @Test func singleStreamKeepsTheErrorBound() throws {
        var generator = SplitMix64(seed: 31)
        for trial in 0..<100 {
            let capacity = Int.random(in: 1...25, using: &generator)
            let stream = Self.skewedStream(
                count: Int.random(in: 1...2000, using: &generator), alphabet: Int.random(in: 2...80, using: &generator),
                using: &generator
            )
            var summary = try MisraGriesSummary(capacity: capacity)
            for name in stream { summary.add(name) }
            Self.checkGuarantee(summary, stream: stream, "trial \(trial) k=\(capacity)")
        }
    }

    @Test func mergedSummariesKeepTheErrorBound() throws {
        var generator = SplitMix64(seed: 32)
        var decrementsHappened = 0
        for trial in 0..<150 {
            let stream = Self.skewedStream(
                count: Int.random(in: 20...2000, using: &generator), alphabet: Int.random(in: 2...80, using: &generator),
                using: &generator
            )
            let parts = SketchMergeOrders.split(stream, parts: Int.random(in: 2...10, using: &generator), using: &generator)
            // Mixed capacities: the merged summary works at the smallest one.
            let capacities = parts.map { _ in Int.random(in: 1...25, using: &generator) }
            let summaries = try zip(parts, capacities).map { part, capacity throws(DriftStatisticsError) in
                var summary = try MisraGriesSummary(capacity: capacity)
                for name in part { summary.add(name) }
                return summary
            }
            let sequential = SketchMergeOrders.sequentially(summaries, using: &generator) { $0.merging($1) }
            let tree = SketchMergeOrders.asTree(summaries, using: &generator) { $0.merging($1) }
            for (label, merged) in [("sequential", sequential), ("tree", tree)] {
                #expect(merged.capacity == capacities.min())
                Self.checkGuarantee(merged, stream: stream, "trial \(trial) \(label) of \(parts.count) parts")
                if merged.maximumUndercount > 0 { decrementsHappened += 1 }
            }
        }
        // The property must be exercised where the bound is not trivially zero.
        #expect(decrementsHappened > 100)
    }

    @Test func exactWhileDistinctNamesFit() throws {
        var generator = SplitMix64(seed: 33)
        let stream = Self.skewedStream(count: 1000, alphabet: 20, using: &generator)
        var whole = try MisraGriesSummary(capacity: 20)
        for name in stream { whole.add(name) }
        var exact: [String: Int] = [:]
        for name in stream { exact[name, default: 0] += 1 }
        #expect(whole.counters == exact)
        #expect(whole.maximumUndercount == 0)

        let parts = SketchMergeOrders.split(stream, parts: 5, using: &generator)
        let merged = try parts.map { part throws(DriftStatisticsError) in
            var summary = try MisraGriesSummary(capacity: 20)
            for name in part { summary.add(name) }
            return summary
        }.reduce(try MisraGriesSummary(capacity: 20)) { $0.merging($1) }
        #expect(merged == whole)
    }

    @Test func updateAndMergeRules() throws {
        var summary = try MisraGriesSummary(capacity: 2)
        for name in ["a", "a", "b", "c"] { summary.add(name) }
        // "c" finds both counters taken: a 2→1, b 1→0 (freed), c not recorded.
        #expect(summary.counters == ["a": 1])
        #expect(summary.total == 4)
        #expect(summary.maximumUndercount == 1)

        var other = try MisraGriesSummary(capacity: 3)
        for name in ["b", "b", "c", "d", "d", "d"] { other.add(name) }
        // Combined a1 b2 c1 d3; the 3rd largest count (capacity 2 + 1) is 1: a, c drop, b1 d2 stay.
        let merged = summary.merging(other)
        #expect(merged.capacity == 2)
        #expect(merged.counters == ["b": 1, "d": 2])
        #expect(merged.ranked.map(\.name) == ["d", "b"])
        #expect(merged.total == 10)

        #expect(throws: DriftStatisticsError.invalidArgument(name: "capacity", reason: "must be at least 1, got 0")) {
            try MisraGriesSummary(capacity: 0)
        }
    }

    @Test func codableRoundTrip() throws {
        var summary = try MisraGriesSummary(capacity: 3)
        for name in ["x", "y", "x", "z", "w", "x"] { summary.add(name) }
        #expect(try JSONDecoder().decode(MisraGriesSummary.self, from: JSONEncoder().encode(summary)) == summary)
        let tooMany = Data(#"{"capacity":1,"counters":{"a":1,"b":1},"total":2}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MisraGriesSummary.self, from: tooMany) }
        let overTotal = Data(#"{"capacity":2,"counters":{"a":3},"total":2}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MisraGriesSummary.self, from: overTotal) }
    }
}
