import AnomalyDetection
import Testing

@Suite struct PageHinkleyDetectorTests {
    /// river's reference behaviour: a shift of three deviations at 500 is detected soon after.
    @Test func aThreeDeviationShiftIsDetectedSoonAfter() {
        var detector = PageHinkleyDetector()
        let result = verdicts(&detector, ConstructedSeries.step(1000, at: 500, height: 3))
        let changes = flagged(result)
        #expect(changes.first.map { $0 >= 500 && $0 < 530 } == true, "\(changes)")
    }

    @Test func aDropIsDetectedToo() {
        var detector = PageHinkleyDetector()
        let result = verdicts(&detector, ConstructedSeries.step(1000, at: 500, height: -3))
        #expect(flagged(result).first.map { $0 >= 500 && $0 < 530 } == true)
    }

    /// False alarms on noise are rare: about e^{−2δλ} = e^{−5} per excursion of the sums.
    @Test func stationaryNoiseRarelySignals() {
        var detector = PageHinkleyDetector()
        #expect(flagged(verdicts(&detector, ConstructedSeries.noise(20_000))).count <= 4)
    }

    @Test func aSingleSpikeIsNotAChange() {
        var detector = PageHinkleyDetector()
        #expect(flagged(verdicts(&detector, ConstructedSeries.spike(1000, at: 600, height: 8))).isEmpty)
    }

    @Test func aConstantSeriesSignalsWhenItMoves() {
        var detector = PageHinkleyDetector()
        let result = verdicts(&detector, [Double](repeating: 3, count: 100) + [3.5])
        #expect(flagged(result) == [100])
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(PageHinkleyDetector(), on: ConstructedSeries.step(900, at: 500, height: 3))
        #expect(ok, "\(why)")
    }
}
