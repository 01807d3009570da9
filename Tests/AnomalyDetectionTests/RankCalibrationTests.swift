import Testing

@testable import AnomalyDetection

@Suite struct RankCalibrationTests {
    /// A calibration that has seen 1, 2, …, 200 (median 101).
    private func calibrated(twoSided: Bool) -> RankCalibration {
        var calibration = RankCalibration(capacity: 500, twoSided: twoSided, extrapolation: 3.3, minimumCount: 100)
        for value in 1...200 { _ = calibration.evidence(Double(value)) }
        return calibration
    }

    @Test func evidenceIsMinusLogTenOfTheConformalPValue() {
        var inside = calibrated(twoSided: true)
        // 51 values ≥ 150 and 150 ≤ it: the nearer side counts, p = 52/201.
        #expect(abs(inside.evidence(150) - 0.5871927137856897) < 1e-12)
        var oneSided = calibrated(twoSided: false)
        // Only values ≥ 10 count: p = 192/201.
        #expect(abs(oneSided.evidence(10) - 0.01989482871693927) < 1e-12)
    }

    @Test func beyondTheExtremesTheDistanceAddsEvidence() {
        var above = calibrated(twoSided: true)
        // p = 1/201, plus 3.3 × (200.5 − 200)/(200 − 101).
        #expect(abs(above.evidence(200.5) - 2.3198627240871557) < 1e-12)
        var below = calibrated(twoSided: true)
        // p = 1/201, plus 3.3 × min((1 + 500)/(101 − 1), 10).
        #expect(abs(below.evidence(-500) - 18.836196057420487) < 1e-12)
        var farAbove = calibrated(twoSided: true)
        #expect(abs(farAbove.evidence(1e9) - (2.303196057420489 + 33)) < 1e-9, "at most 10 spans")
        var oneSided = calibrated(twoSided: false)
        #expect(oneSided.evidence(-500) == 0, "a one-sided feature has no lower extreme")
    }

    @Test func noEvidenceBeforeTheMinimumCount() {
        var calibration = RankCalibration(capacity: 500, twoSided: true, extrapolation: 3.3, minimumCount: 100)
        #expect((1...100).map { calibration.evidence(Double($0) * 1000) }.allSatisfy { $0 == 0 })
        #expect(calibration.evidence(1e9) > 2)
    }

    @Test func onlyTheLatestCapacityValuesCount() {
        var calibration = RankCalibration(capacity: 100, twoSided: true, extrapolation: 0, minimumCount: 10)
        for value in 0..<100 { _ = calibration.evidence(1000 + Double(value)) }
        for value in 0..<100 { _ = calibration.evidence(Double(value)) }
        // The thousands have left: 150 is above all 100 values kept.
        #expect(abs(calibration.evidence(150) - 2.0043213737826426) < 1e-12)
    }
}
