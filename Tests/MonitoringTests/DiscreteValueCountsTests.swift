import Foundation
import Monitoring
import Testing

@Suite struct DiscreteValueCountsTests {
    private func counts(_ values: [Double]) -> DiscreteValueCounts {
        var counts = DiscreteValueCounts()
        for value in values { counts.add(value) }
        return counts
    }

    @Test func countsEachValueUntilASeventhArrives() {
        let few = counts([2, 1, 2, -0.0, 0, 3, 2])
        #expect(few.values == [2, 1, -0.0, 3] && few.counts == [3, 1, 2, 1])
        #expect(few.distinctCount == 4 && few.count(of: 0) == 2 && few.count(of: 9) == 0)
        let six = counts([1, 2, 3, 4, 5, 6, 6])
        #expect(!six.exceedsLimit && six.distinctCount == 6)
        let seven = counts([1, 2, 3, 4, 5, 6, 7, 1])
        #expect(seven.exceedsLimit && seven.distinctCount == 7 && seven.values.isEmpty)
    }

    @Test func mergesExactlyUpToTheLimit() {
        let first = counts([1, 1, 2])
        let second = counts([2, 3, 3, 3])
        #expect(first.merging(second) == counts([1, 1, 2, 2, 3, 3, 3]))
        #expect(first.merging(DiscreteValueCounts()) == first)
        #expect(DiscreteValueCounts().merging(first) == first)
        let wide = counts([10, 11, 12, 13])
        #expect(first.merging(second).merging(wide).exceedsLimit)
        #expect(first.merging(counts([1, 2, 3, 4, 5, 6, 7])).exceedsLimit)
    }

    @Test func decodingRejectsImpossibleStates() throws {
        let good = counts([1, 2, 2])
        let data = try JSONEncoder().encode(good)
        #expect(try JSONDecoder().decode(DiscreteValueCounts.self, from: data) == good)
        for json in [
            #"{"values":[1,2],"counts":[1],"exceedsLimit":false}"#,
            #"{"values":[1,1],"counts":[1,1],"exceedsLimit":false}"#,
            #"{"values":[1],"counts":[0],"exceedsLimit":false}"#,
            #"{"values":[1],"counts":[1],"exceedsLimit":true}"#,
            #"{"values":[1,2,3,4,5,6,7],"counts":[1,1,1,1,1,1,1],"exceedsLimit":false}"#,
        ] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(DiscreteValueCounts.self, from: Data(json.utf8)) }
        }
    }
}
