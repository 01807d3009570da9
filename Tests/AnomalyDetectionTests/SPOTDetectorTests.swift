import AnomalyDetection
import Testing

@Suite struct SPOTDetectorTests {
    /// On stationary noise the alarm rate is about the stated risk.
    @Test func theAlarmRateOnNoiseIsAboutTheRisk() {
        var detector = SPOTDetector(risk: 1e-3, calibration: 1000)
        let result = verdicts(&detector, ConstructedSeries.noise(41_000, seed: 11))
        // 40 000 judged points at 1e-3 on each tail: about 80 expected.
        let ratio = Double(flagged(result).count) / 40_000 / 2e-3
        #expect(ratio > 0.5 && ratio < 2, "\(ratio)")
    }

    @Test func aSpikeFires() {
        var detector = SPOTDetector()
        let result = verdicts(&detector, ConstructedSeries.spike(2000, at: 1500, height: 9))
        #expect(result[1500].isAnomalous && result[1500].score > 0.5)
        #expect(flagged(result).filter { $0 != 1500 }.count <= 2)
    }

    /// A level that drifts leaves SPOT's calibrated thresholds behind, and it alarms until its
    /// peaks catch up; DSPOT judges each value against the recent mean and stays quiet.
    @Test func dspotFollowsADriftThatSpotAlarmsOn() {
        let values = ConstructedSeries.drift(4000, perPoint: 0.01)
        var spot = SPOTDetector()
        var dspot = SPOTDetector(depth: 20)
        #expect(flagged(verdicts(&spot, values)).count > 20)
        #expect(flagged(verdicts(&dspot, values)).count <= 3)
    }

    /// A level shift is flagged at its start, then its values become peaks and it is the normal
    /// (the paper's DSPOT would flag it for ever).
    @Test func aLevelShiftIsFlaggedThenBecomesTheNormal() {
        var dspot = SPOTDetector(depth: 20)
        let result = verdicts(&dspot, ConstructedSeries.step(3000, at: 2000, height: 20))
        let alarms = flagged(result).filter { $0 >= 2000 }
        #expect(alarms.first == 2000 && alarms.allSatisfy { $0 < 2050 }, "\(alarms)")
    }

    @Test func quietDuringCalibrationThenJudging() {
        var spiked = SPOTDetector(calibration: 300, depth: 10)
        #expect(verdicts(&spiked, ConstructedSeries.spike(310, at: 200, height: 20)).allSatisfy { $0 == .quiet })
        var clean = SPOTDetector(calibration: 300, depth: 10)
        #expect(verdicts(&clean, ConstructedSeries.noise(310)).allSatisfy { $0 == .quiet })
        #expect(clean.observe(30, at: 310).isAnomalous)
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(SPOTDetector(calibration: 300, depth: 10), on: ConstructedSeries.spike(900, at: 700, height: 9))
        #expect(ok, "\(why)")
    }
}
