import AnomalyDetection
import Testing

@Suite struct RobustZScoreDetectorTests {
    @Test func aSpikeFiresAndTheNoiseAroundItStaysQuiet() {
        var detector = RobustZScoreDetector(window: 200)
        let result = verdicts(&detector, ConstructedSeries.spike(1000, at: 700, height: 8))
        #expect(result[700].isAnomalous && result[700].score > 0.6)
        #expect(flagged(result).filter { $0 != 700 }.count <= 2, "\(flagged(result))")
        #expect(result.prefix(30).allSatisfy { $0 == .quiet }, "quiet until 30 values are in")
    }

    @Test func aStepFiresUntilTheMedianFollowsThenGoesQuiet() {
        var detector = RobustZScoreDetector(window: 100)
        let result = verdicts(&detector, ConstructedSeries.step(1000, at: 500, height: 6))
        #expect(result[500].isAnomalous && result[501].isAnomalous)
        #expect(flagged(Array(result[500..<520])).count >= 15, "\(flagged(result))")
        // Half a window later the new level is normal: alarms no more often than on noise.
        #expect(flagged(Array(result[600...])).count <= 4, "\(flagged(result))")
    }

    @Test func aSlowDriftIsFollowedWithoutAlarm() {
        var detector = RobustZScoreDetector(window: 100)
        #expect(flagged(verdicts(&detector, ConstructedSeries.drift(3000, perPoint: 0.002))).count <= 10)
    }

    @Test func aConstantSeriesIsQuietUntilItMoves() {
        var detector = RobustZScoreDetector(window: 50)
        let result = verdicts(&detector, [Double](repeating: 4, count: 100) + [4.5, 4])
        #expect(result.prefix(100).allSatisfy { !$0.isAnomalous } && result[100] == AnomalyVerdict(score: 1, isAnomalous: true))
        #expect(result[101] == .quiet)
    }

    /// With more than half the window at one value the MAD is 0; the mean absolute deviation
    /// scales z instead, so a usual value is not infinitely anomalous.
    @Test func aMostlyRepeatedValueFallsBackToTheMeanDeviation() {
        var detector = RobustZScoreDetector(window: 20, minimumPoints: 20)
        let history = (0..<20).map { $0 % 4 == 0 ? 2.0 : 1.0 }
        _ = verdicts(&detector, history)
        // median 1, MAD 0, mean deviation 5/20 = 0.25: z = 1/(1.253314·0.25) = 3.19
        let verdict = detector.observe(2, at: 20)
        #expect(!verdict.isAnomalous && abs(verdict.score - 3.191_538_2 / (3.191_538_2 + 3.5)) < 1e-6)
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(RobustZScoreDetector(window: 64), on: ConstructedSeries.spike(800, at: 600, height: 9))
        #expect(ok, "\(why)")
    }
}
