import Testing
@testable import DriftStatistics

@Suite struct DriftMethodSelectionTests {
    struct Row: Sendable, CustomStringConvertible {
        let kind: FeatureKind
        let referenceCount: Int
        let distinct: Int
        let expected: DriftMethod
        var description: String { "\(kind) n=\(referenceCount) distinct=\(distinct)" }
    }

    /// Every row of Evidently's rule, at both sides of each boundary (1000/1001 reference
    /// values; 2/3 and 5/6 distinct values).
    static let table: [Row] = [
        Row(kind: .numeric, referenceCount: 1, distinct: 1, expected: .z),
        Row(kind: .numeric, referenceCount: 1000, distinct: 2, expected: .z),
        Row(kind: .numeric, referenceCount: 1000, distinct: 3, expected: .chi2),
        Row(kind: .numeric, referenceCount: 1000, distinct: 5, expected: .chi2),
        Row(kind: .numeric, referenceCount: 1000, distinct: 6, expected: .ks),
        Row(kind: .numeric, referenceCount: 10, distinct: 10_000, expected: .ks),
        Row(kind: .numeric, referenceCount: 1001, distinct: 2, expected: .js),
        Row(kind: .numeric, referenceCount: 1001, distinct: 3, expected: .js),
        Row(kind: .numeric, referenceCount: 1001, distinct: 5, expected: .js),
        Row(kind: .numeric, referenceCount: 1001, distinct: 6, expected: .normedWasserstein),
        Row(kind: .numeric, referenceCount: 1_000_000, distinct: 1_000_000, expected: .normedWasserstein),
        Row(kind: .categorical, referenceCount: 1000, distinct: 1, expected: .z),
        Row(kind: .categorical, referenceCount: 1000, distinct: 2, expected: .z),
        Row(kind: .categorical, referenceCount: 1000, distinct: 3, expected: .chi2),
        Row(kind: .categorical, referenceCount: 1000, distinct: 6, expected: .chi2),
        Row(kind: .categorical, referenceCount: 1000, distinct: 500, expected: .chi2),
        Row(kind: .categorical, referenceCount: 1001, distinct: 2, expected: .js),
        Row(kind: .categorical, referenceCount: 1001, distinct: 3, expected: .js),
        Row(kind: .categorical, referenceCount: 1001, distinct: 6, expected: .js),
    ]

    @Test(arguments: table)
    func followsEvidentlysRule(row: Row) throws {
        #expect(try automaticDriftMethod(kind: row.kind, referenceCount: row.referenceCount,
                                         distinctValueCount: row.distinct) == row.expected)
    }

    @Test func countsFromNumericSamples() throws {
        let five = (0..<1000).map { Double($0 % 5) }
        #expect(try automaticDriftMethod(reference: five, current: [0, 1]) == .chi2)
        #expect(try automaticDriftMethod(reference: five, current: [5]) == .ks)
        #expect(try automaticDriftMethod(reference: five + [4], current: [0]) == .js)
        #expect(try automaticDriftMethod(reference: five + [4], current: [7.5]) == .normedWasserstein)
        #expect(try automaticDriftMethod(reference: [0, 1, 1], current: [0, -0.0]) == .z)
        #expect(try automaticDriftMethod(reference: [0, 1, 1], current: [2]) == .chi2)
    }

    @Test func countsFromCategoricalSamples() throws {
        #expect(try automaticDriftMethod(reference: ["a", "b"], current: ["a"]) == .z)
        #expect(try automaticDriftMethod(reference: ["a", "b"], current: ["c"]) == .chi2)
        let large = Array(repeating: "a", count: 1001)
        #expect(try automaticDriftMethod(reference: large, current: ["b"]) == .js)
    }

    @Test func rejectsBadInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try automaticDriftMethod(kind: .numeric, referenceCount: 0, distinctValueCount: 1)
        }
        #expect(throws: DriftStatisticsError.self) {
            try automaticDriftMethod(kind: .numeric, referenceCount: -1, distinctValueCount: 1)
        }
        #expect(throws: DriftStatisticsError.self) {
            try automaticDriftMethod(kind: .categorical, referenceCount: 5, distinctValueCount: 0)
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try automaticDriftMethod(reference: [1.0], current: [])
        }
        #expect(throws: DriftStatisticsError.self) {
            try automaticDriftMethod(reference: [1.0, .nan], current: [1])
        }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try automaticDriftMethod(reference: [String](), current: ["a"])
        }
    }
}
