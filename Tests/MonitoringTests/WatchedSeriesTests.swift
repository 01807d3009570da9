import AnomalyDetection
import Foundation
import Monitoring
import Testing

@Suite struct WatchedSeriesTests {
    /// A robust z-score detector judging from the 10th point on.
    static let spec = try! AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 20, "minimum_points": 10])

    /// 10 and 11 alternating at t = 0…19, then a spike of 100 at t = 20, then the alternation again.
    static func points(through last: Int) -> [(timestamp: Double, value: Double)] {
        (0...last).map { (t: Int) -> (timestamp: Double, value: Double) in
            let value: Double = t == 20 ? 100 : Double(10 + t % 2)
            return (Double(t), value)
        }
    }

    @Test func pointsAreObservedInTimeOrderWhateverTheirOrderGiven() {
        var watched = WatchedSeries(detector: Self.spec.makeDetector())
        let counts = watched.observe(Self.points(through: 24).reversed())
        #expect(counts.observed == 25 && counts.skipped == 0 && counts.anomalous == 1)
        var direct = Self.spec.makeDetector()
        let verdicts = Self.points(through: 24).map { direct.observe($0.value, at: $0.timestamp) }
        #expect(watched.detector == direct && watched.lastVerdict == verdicts.last && watched.points == 25)
        #expect(watched.lastTimestamp == 24 && watched.lastAnomalyTimestamp == 20)
    }

    @Test func ofEqualTimesTheLastGivenCountsAndEarlierTimesAreSkipped() {
        var watched = WatchedSeries(detector: Self.spec.makeDetector())
        let first = watched.observe([(1, 5), (2, 6), (1, 7)])
        #expect(first == (2, 1, 0))
        var direct = Self.spec.makeDetector()
        _ = direct.observe(7, at: 1)
        _ = direct.observe(6, at: 2)
        #expect(watched.detector == direct)
        // A re-push of observed times changes nothing.
        let again = watched.observe([(2, 50), (0, 3)])
        #expect(again == (0, 2, 0))
        #expect(watched.detector == direct && watched.lastTimestamp == 2 && watched.points == 2)
    }

    @Test func anAnomalousPointIsHeldForTheHoldInEventTime() {
        var watched = WatchedSeries(detector: Self.spec.makeDetector())
        _ = watched.observe(Array(Self.points(through: 19)))
        #expect(!watched.isAnomalous(hold: 300) && watched.lastVerdict.score < 0.5)
        _ = watched.observe([(20, 100)])
        #expect(watched.isAnomalous(hold: 0) && watched.lastVerdict.isAnomalous)
        _ = watched.observe(Array(Self.points(through: 25).suffix(5)))
        #expect(!watched.lastVerdict.isAnomalous)
        #expect(watched.isAnomalous(hold: 5) && !watched.isAnomalous(hold: 4.5) && !watched.isAnomalous(hold: 0))
    }

    @Test func aSavedSeriesResumesWhereItStopped() throws {
        var whole = WatchedSeries(detector: AnomalyDetectorSpec.defaults(.conformalEnsemble).makeDetector())
        var resumed = whole
        let points = (0..<3000).map { (index: Int) -> (timestamp: Double, value: Double) in
            let spike: Double = index == 2500 ? 8 : 0
            return (Double(index) * 60, sin(Double(index) / 30) + spike)
        }
        _ = whole.observe(points)
        _ = resumed.observe(Array(points[..<1500]))
        resumed = try JSONDecoder().decode(WatchedSeries.self, from: JSONEncoder().encode(resumed))
        _ = resumed.observe(Array(points[1500...]))
        #expect(resumed == whole && whole.lastAnomalyTimestamp == 2500 * 60)
    }
}
