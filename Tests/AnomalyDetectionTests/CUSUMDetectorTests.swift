import AnomalyDetection
import Testing

@Suite struct CUSUMDetectorTests {
    @Test func aOneDeviationShiftIsCaughtWithinAFewDozenPoints() {
        var detector = CUSUMDetector()
        let result = verdicts(&detector, ConstructedSeries.step(1000, at: 500, height: 1))
        let first = flagged(result).first { $0 >= 500 }
        #expect(first.map { $0 < 530 } == true, "\(flagged(result))")
        #expect(flagged(result).filter { $0 < 500 }.isEmpty, "\(flagged(result))")
    }

    @Test func aSlowDriftAddsUpToAChange() {
        var detector = CUSUMDetector()
        let result = verdicts(&detector, ConstructedSeries.drift(2000, perPoint: 0.005))
        // After the reference (100 points), the mean has drifted a deviation by point 300.
        #expect(flagged(result).first.map { $0 > 150 && $0 < 500 } == true, "\(flagged(result))")
    }

    @Test func afterAChangeTheNewLevelBecomesTheReference() {
        var detector = CUSUMDetector()
        let result = verdicts(&detector, ConstructedSeries.step(3000, at: 500, height: 3))
        let changes = flagged(result)
        #expect(changes.first.map { $0 >= 500 && $0 < 510 } == true && changes.count <= 2, "\(changes)")
    }

    @Test func theSumsFollowPagesRecursion() {
        var detector = CUSUMDetector(allowance: 0.5, decisionInterval: 4, warmUp: 4)
        _ = verdicts(&detector, [9, 11, 9, 11])
        // Reference mean 10, deviation 1: z = 2, 2, −1 gives S⁺ = 1.5, 3, 1.5.
        let scores = [12.0, 12, 9].map { detector.observe($0, at: 0).score }
        #expect(zip(scores, [1.5, 3, 1.5].map { $0 / ($0 + 4) }).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(detector.observe(13, at: 0).isAnomalous, "S⁺ = 1.5 + 3 − 0.5 = 4")
    }

    @Test func honoursTheDetectorContract() throws {
        let (ok, why) = try checkContract(CUSUMDetector(), on: ConstructedSeries.step(900, at: 500, height: 2))
        #expect(ok, "\(why)")
    }
}
