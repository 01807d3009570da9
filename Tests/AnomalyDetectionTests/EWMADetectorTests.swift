import AnomalyDetection
import Testing

@Suite struct EWMADetectorTests {
    @Test func aSpikeFiresAndTheNoiseAroundItStaysQuiet() {
        var detector = EWMADetector()
        let result = verdicts(&detector, ConstructedSeries.spike(1000, at: 700, height: 8))
        #expect(result[700].isAnomalous)
        #expect(flagged(result).filter { $0 != 700 }.count <= 10, "at most 1 %: \(flagged(result))")
    }

    @Test func aStepFiresThenIsAbsorbed() {
        var detector = EWMADetector(lambda: 0.1)
        let result = verdicts(&detector, ConstructedSeries.step(1000, at: 500, height: 8))
        #expect(result[500].isAnomalous)
        // The jump widens the variance at once, so the next values sit inside the band while the
        // mean moves to the new level.
        #expect(flagged(Array(result[600...])).count <= 8, "\(flagged(result))")
    }

    @Test func theWarmUpSeedsThePlainMeanAndVariance() {
        var detector = EWMADetector(lambda: 0.2, bandWidth: 2, warmUp: 4)
        _ = verdicts(&detector, [1, 2, 3, 4])
        // mean 2.5, population variance 1.25: the band is 2.5 ± 2·√1.25
        let band = try? #require(detector.band)
        #expect(band.map { abs($0.lowerBound - (2.5 - 2 * 1.25.squareRoot())) < 1e-12 && abs($0.upperBound - (2.5 + 2 * 1.25.squareRoot())) < 1e-12 } == true)
        let verdict = detector.observe(6, at: 4)
        #expect(verdict.isAnomalous && abs(verdict.score - (3.5 / 1.25.squareRoot()) / (3.5 / 1.25.squareRoot() + 2)) < 1e-12)
    }

    @Test func aConstantSeriesIsQuietUntilItMoves() {
        var detector = EWMADetector()
        let result = verdicts(&detector, [Double](repeating: 7, count: 100) + [7.01])
        #expect(flagged(result) == [100] && result[100].score == 1)
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(EWMADetector(), on: ConstructedSeries.step(800, at: 500, height: 5))
        #expect(ok, "\(why)")
    }
}
