import DriftStatistics
import Foundation
import Monitoring
import Testing

/// Seeded random streams checked step by step against a brute-force model of the definitions.
///
/// Times are integer ticks times a dyadic scale, so the model can decide everything in exact
/// integer arithmetic, independently of the floating-point index computation under test.
@Suite struct TumblingEventTimeWindowsPropertyTests {
    private enum Step {
        case event(eventTicks: Int?, receiptTicks: Int)
        case advance(Int)
        case flush
    }

    /// The definitions, evaluated from scratch: window `k` holds ticks `[k·L, (k+1)·L)`; a window
    /// is closed by the watermark once `(k+1)·L ≤ max(all times seen) − lateness`; an event is
    /// late when its window was closed before it arrived, by the watermark or by a flush.
    private struct ReferenceModel {
        let lengthTicks: Int
        let latenessTicks: Int
        var timesSeen: [Int] = []
        var flushedThrough: Int?
        var windowsWithEvents: Set<Int> = []
        var reportedClosed: Set<Int> = []

        func window(of ticks: Int) -> Int {
            let (q, r) = ticks.quotientAndRemainder(dividingBy: lengthTicks)
            return r < 0 ? q - 1 : q
        }

        func isClosedByWatermark(_ k: Int) -> Bool {
            guard let newest = timesSeen.max() else { return false }
            return (k + 1) * lengthTicks <= newest - latenessTicks
        }

        mutating func newlyClosed() -> [Int] {
            let closing = windowsWithEvents.subtracting(reportedClosed).filter(isClosedByWatermark).sorted()
            reportedClosed.formUnion(closing)
            return closing
        }

        /// (window, late, closed) for one event.
        mutating func event(_ ticks: Int) -> (Int, Bool, [Int]) {
            let k = window(of: ticks)
            let late = isClosedByWatermark(k) || flushedThrough.map { k <= $0 } == true
            if !late { windowsWithEvents.insert(k) }
            timesSeen.append(ticks)
            return (k, late, newlyClosed())
        }

        mutating func advance(_ ticks: Int) -> [Int] {
            timesSeen.append(ticks)
            return newlyClosed()
        }

        mutating func flush() -> [Int] {
            let closing = windowsWithEvents.subtracting(reportedClosed).sorted()
            reportedClosed.formUnion(closing)
            if let newest = windowsWithEvents.max() { flushedThrough = max(flushedThrough ?? newest, newest) }
            return closing
        }

        var openWindows: [Int] { windowsWithEvents.subtracting(reportedClosed).sorted() }
    }

    private func randomStream(_ rng: inout SplitMix64, lengthTicks: Int, latenessTicks: Int, count: Int) -> [Step] {
        var now = Int.random(in: -500...500, using: &rng)
        var steps: [Step] = []
        for _ in 0..<count {
            let roll = Int.random(in: 0..<1000, using: &rng)
            switch roll {
            case 0..<8:
                now += Int.random(in: 1...2000, using: &rng) * lengthTicks  // a big jump forward
                steps.append(.event(eventTicks: now, receiptTicks: now))
            case 8..<14:
                steps.append(.flush)
            case 14..<60:
                now += Int.random(in: 0...(3 * lengthTicks), using: &rng)
                steps.append(.advance(now - Int.random(in: 0...(2 * lengthTicks), using: &rng)))
            default:
                now += Int.random(in: 0...lengthTicks, using: &rng)
                let behind = roll % 3 == 0 ? Int.random(in: 0...(latenessTicks + 3 * lengthTicks), using: &rng) : 0
                let receipt = now - (roll % 7 == 0 ? Int.random(in: 0...(2 * lengthTicks), using: &rng) : 0)
                steps.append(.event(eventTicks: roll % 5 == 0 ? nil : now - behind, receiptTicks: receipt))
            }
        }
        return steps
    }

    @Test(arguments: 0..<200)
    func matchesTheReferenceModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0x5EED_0000 + seed)
        let lengthTicks = Int.random(in: 1...20, using: &rng)
        let latenessTicks = [0, 0, Int.random(in: 1...60, using: &rng)][Int.random(in: 0...2, using: &rng)]
        let scale = [1.0, 0.25, 0.5, 8][Int.random(in: 0...3, using: &rng)]
        let steps = randomStream(&rng, lengthTicks: lengthTicks, latenessTicks: latenessTicks, count: 300)
        let restartAt = Int.random(in: 0..<steps.count, using: &rng)

        var windows = try TumblingEventTimeWindows(
            windowLength: Double(lengthTicks) * scale, allowedLateness: Double(latenessTicks) * scale)
        var model = ReferenceModel(lengthTicks: lengthTicks, latenessTicks: latenessTicks)
        var closedSoFar: [Int64] = []
        var acceptedInto: Set<Int64> = []

        func record(_ closed: [EventTimeWindow], at step: Int) {
            for window in closed {
                #expect(closedSoFar.last.map { $0 < window.index } ?? true, "step \(step): \(window) closed out of order or twice")
                #expect(acceptedInto.contains(window.index), "step \(step): \(window) closed without events")
                closedSoFar.append(window.index)
            }
        }

        for (i, step) in steps.enumerated() {
            if i == restartAt {
                let restored = try JSONDecoder().decode(TumblingEventTimeWindows.self, from: try JSONEncoder().encode(windows))
                #expect(restored == windows)
                windows = restored
            }
            let closedBefore = windows.closedThrough
            switch step {
            case let .event(eventTicks, receiptTicks):
                let ticks = eventTicks ?? receiptTicks
                let time = Double(ticks) * scale
                let assignment = try windows.assign(eventTime: eventTicks.map { Double($0) * scale }, receiptTime: Double(receiptTicks) * scale)
                let window = assignment.placement.window
                #expect(window.contains(time))
                switch assignment.placement {
                case .open:
                    #expect(!closedSoFar.contains(window.index), "step \(i): placed in a closed window")
                    acceptedInto.insert(window.index)
                case .late:
                    #expect(closedBefore.map { window.index <= $0 } == true, "step \(i): late though its window was open")
                }
                let (k, late, closed) = model.event(ticks)
                #expect(window.index == Int64(k) && assignment.placement.isLate == late, "step \(i): placement")
                #expect(assignment.closedWindows.map(\.index) == closed.map(Int64.init), "step \(i): closings")
                record(assignment.closedWindows, at: i)
            case let .advance(ticks):
                let closed = try windows.advance(to: Double(ticks) * scale)
                #expect(closed.map(\.index) == model.advance(ticks).map(Int64.init), "step \(i): closings on advance")
                record(closed, at: i)
            case .flush:
                let closed = windows.flush()
                #expect(closed.map(\.index) == model.flush().map(Int64.init), "step \(i): closings on flush")
                record(closed, at: i)
            }
            #expect(windows.openWindows.map(\.index) == model.openWindows.map(Int64.init), "step \(i): open windows")
        }
        record(windows.flush(), at: steps.count)
        #expect(Set(closedSoFar) == acceptedInto && closedSoFar.count == acceptedInto.count)
        #expect(Set(closedSoFar.map(Int.init)) == model.windowsWithEvents)
    }
}
