import DriftStatistics
import Foundation
import Testing

@testable import AnomalyDetection

@Suite struct SortedWindowTests {
    /// Median and MAD by brute force over the same values.
    private func expected(_ values: [Double]) -> (median: Double, mad: Double) {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let center = median(values)
        return (center, median(values.map { abs($0 - center) }))
    }

    @Test func keepsTheLatestValuesSortedWithTheirMedianAndMAD() {
        var generator = SplitMix64(seed: 7)
        for capacity in [1, 2, 3, 4, 7, 16, 33] {
            var window = SortedWindow(capacity: capacity)
            var all: [Double] = []
            for step in 0..<300 {
                // Rounded values make ties, which the binary searches must get right too.
                let value = step % 11 == 0 ? 5 : (generator.nextOpenUnit() * 20).rounded() / 2
                window.append(value)
                all.append(value)
                let latest = Array(all.suffix(capacity))
                #expect(window.sorted == latest.sorted())
                let (median, mad) = expected(latest)
                #expect(window.median == median)
                #expect(window.medianAbsoluteDeviation(from: median) == mad, "capacity \(capacity), step \(step)")
                // From any center, including ones outside the window and with copies in it.
                for center in [value, value + 0.25, -3, 40] {
                    let deviations = latest.map { abs($0 - center) }.sorted()
                    let middle = deviations.count / 2
                    let brute = deviations.count % 2 == 1 ? deviations[middle] : (deviations[middle - 1] + deviations[middle]) / 2
                    #expect(window.medianAbsoluteDeviation(from: center) == brute, "capacity \(capacity), step \(step), center \(center)")
                }
                #expect(abs(window.meanAbsoluteDeviation(from: median) - latest.reduce(0) { $0 + abs($1 - median) } / Double(latest.count)) < 1e-12)
                for probe in [value, value + 0.25, -1, 100] {
                    let below = window.lowerBound(of: probe)
                    #expect(below == latest.filter { $0 < probe }.count)
                    #expect(window.count(atMost: probe, lowerBound: below) == latest.filter { $0 <= probe }.count)
                }
            }
        }
    }

    /// Saved oldest first and rebuilt: the same values, order statistics and future.
    @Test func savesItsValuesOldestFirstAndRebuildsTheSortedCopy() throws {
        var window = SortedWindow(capacity: 5)
        for value in [5.0, 1, 4, 2, 8, 7, 3] { window.append(value) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let saved = try encoder.encode(window)
        #expect(String(decoding: saved, as: UTF8.self) == #"{"capacity":5,"values":[4,2,8,7,3]}"#)
        var restored = try JSONDecoder().decode(SortedWindow.self, from: saved)
        #expect(restored == window && restored.sorted == [2, 3, 4, 7, 8] && restored.median == 4)
        window.append(6)
        restored.append(6)
        #expect(restored == window && restored.sorted == window.sorted && restored.oldestFirst == [2, 8, 7, 3, 6])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SortedWindow.self, from: Data(#"{"capacity":2,"values":[1,2,3]}"#.utf8)) }
    }

    @Test func anEmptyWindowHasNoMedian() {
        let window = SortedWindow(capacity: 4)
        #expect(window.median == nil && window.medianAbsoluteDeviation(from: 0) == 0 && window.count == 0)
    }
}
