import AnomalyDetection
import DriftStatistics
import Foundation
import Monitoring

/// Points per second per detector over one long synthetic series (a daily season of 288 points,
/// noise, and a level shift and spikes now and then), the median of three runs after a warm-up.
enum ThroughputTable {
    static func print(kinds: [AnomalyDetectorKind]) {
        let count = 2_000_000
        var generator = SplitMix64(seed: 20_261_122)
        var values = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let season = 10 * sin(2 * Double.pi * Double(index % 288) / 288)
            let shift = (index / 100_000) % 2 == 0 ? 0.0 : 5.0
            let spike = index % 9973 == 0 ? 25.0 : 0.0
            values[index] = 100 + season + shift + spike + generator.nextNormal()
        }
        let times = (0..<count).map { Double($0) * 300 }
        Swift.print("Throughput over \(count) points (release build, one core):")
        for kind in kinds {
            var seconds: [Double] = []
            var checksum = 0.0
            for run in 0..<4 {
                let clock = ContinuousClock.now
                checksum = DetectorRun.scores(kind, values: values, times: times).reduce(0, +)
                if run > 0 { seconds.append((ContinuousClock.now - clock).fractionalSeconds) }
            }
            seconds.sort()
            let rate = Double(count) / seconds[1]
            Swift.print(kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%14.0f points/s", rate)
                + String(format: "   (score sum %.3f)", checksum))
        }
    }
}
