import AnomalyDetection
import Foundation
import Testing

@Suite struct HoltWintersDetectorTests {
    @Test func aBrokenSeasonFiresWhereTheValuesStayedInRange() {
        var detector = HoltWintersDetector()
        let values = ConstructedSeries.seasonal(3000, period: 50, brokenAt: 2000)
        let result = verdicts(&detector, values)
        #expect(detector.season == 50)
        let inBroken = flagged(result).filter { (2000..<2050).contains($0) }
        #expect(inBroken.count >= 10, "\(flagged(result))")
        // The flat season's values lie inside the usual range: a plain z-score would not see it.
        #expect(values[2000..<2050].allSatisfy { (39...61).contains($0) })
        let elsewhere = flagged(result).filter { !(2000..<2100).contains($0) }
        #expect(elsewhere.count <= 6, "\(elsewhere)")
    }

    @Test func theSeasonIsFoundFromThePrefixOrGiven() {
        #expect(SeasonalPeriod.estimate(ConstructedSeries.seasonal(600, period: 24)) == 24)
        #expect(SeasonalPeriod.estimate(ConstructedSeries.seasonal(600, period: 144)) == 144)
        #expect(SeasonalPeriod.estimate(ConstructedSeries.noise(600)) == nil)
        #expect(SeasonalPeriod.estimate([Double](repeating: 1, count: 600)) == nil)
        var given = HoltWintersDetector(season: 30, inferencePoints: 60)
        _ = verdicts(&given, ConstructedSeries.seasonal(100, period: 50))
        #expect(given.season == 30)
    }

    @Test func withoutASeasonASpikeAndAStepFire() {
        var detector = HoltWintersDetector()
        let spike = verdicts(&detector, ConstructedSeries.spike(1500, at: 1000, height: 8))
        #expect(detector.season == 1 && spike[1000].isAnomalous)
        var stepDetector = HoltWintersDetector()
        let step = verdicts(&stepDetector, ConstructedSeries.step(1500, at: 1000, height: 8))
        #expect(step[1000].isAnomalous && flagged(Array(step[1200...])).count <= 3, "\(flagged(step))")
    }

    @Test func aNoiselessSeasonDoesNotAlarmOnRounding() {
        var detector = HoltWintersDetector()
        let values = (0..<2000).map { (index: Int) -> Double in 5 + 3 * sin(2 * Double.pi * Double(index) / 40) }
        #expect(flagged(verdicts(&detector, values)).count <= 2)
        #expect(detector.observe(20, at: 2000).isAnomalous)
    }

    @Test func theForecastBandIsTheOneJudgedAgainst() throws {
        var detector = HoltWintersDetector()
        _ = verdicts(&detector, ConstructedSeries.seasonal(1000, period: 50))
        let (_, band) = try #require(detector.forecast)
        var inside = detector
        var outside = detector
        #expect(!inside.observe(band.upperBound - 1e-6 * (band.upperBound - band.lowerBound), at: 1000).isAnomalous)
        #expect(outside.observe(band.upperBound + 1e-6 * (band.upperBound - band.lowerBound), at: 1000).isAnomalous)
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(HoltWintersDetector(), on: ConstructedSeries.seasonal(1600, period: 50, brokenAt: 1300))
        #expect(ok, "\(why)")
    }
}
