import Monitoring
import Testing

@Suite struct SeriesValuesNotationTests {
    @Test func expandsLikePromtool() throws {
        typealias P = SeriesValuesNotation.Point
        #expect(try SeriesValuesNotation.parse("0.1x2 _ stale 1+2x3 10-2.5x2 -1 1e3 _x2 Inf") == [
            P.sample(0.1), .sample(0.1), .sample(0.1), .missing, .stale, .sample(1), .sample(3), .sample(5), .sample(7),
            .sample(10), .sample(7.5), .sample(5), .sample(-1), .sample(1000), .missing, .missing, .sample(.infinity),
        ])
        #expect(try SeriesValuesNotation.parse("-1-1x2 1e-3+1e-3x1") == [P.sample(-1), .sample(-2), .sample(-3), .sample(0.001), .sample(0.002)])
        #expect(try SeriesValuesNotation.parse("") == [])
    }

    @Test(arguments: ["abc", "1x", "1xq", "1+x2", "1+2", "1++2x3"])
    func refusals(text: String) {
        #expect(throws: SeriesValuesNotation.Invalid.self) { try SeriesValuesNotation.parse(text) }
    }
}
