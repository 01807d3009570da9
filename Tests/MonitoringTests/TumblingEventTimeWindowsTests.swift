import Foundation
import Monitoring
import Testing

/// Hand-made event sequences with the exact placements and closings expected.
@Suite struct TumblingEventTimeWindowsTests {
    /// `.open(k)` / `.late(k)` by window index, and the closed window indices.
    private struct Outcome: Equatable, CustomStringConvertible {
        var open: Int64?
        var late: Int64?
        var closed: [Int64]

        static func open(_ k: Int64, closing closed: [Int64] = []) -> Outcome { Outcome(open: k, late: nil, closed: closed) }
        static func late(_ k: Int64) -> Outcome { Outcome(open: nil, late: k, closed: []) }

        init(open: Int64?, late: Int64?, closed: [Int64]) {
            self.open = open
            self.late = late
            self.closed = closed
        }

        init(_ assignment: EventTimeAssignment) {
            switch assignment.placement {
            case let .open(window): self.init(open: window.index, late: nil, closed: assignment.closedWindows.map(\.index))
            case let .late(window): self.init(open: nil, late: window.index, closed: assignment.closedWindows.map(\.index))
            }
        }

        var description: String {
            (open.map { "open(\($0))" } ?? late.map { "late(\($0))" } ?? "?") + " closing \(closed)"
        }
    }

    private func run(_ windows: inout TumblingEventTimeWindows, _ times: [Double]) throws -> [Outcome] {
        try times.map { Outcome(try windows.assign(eventTime: $0)) }
    }

    @Test func inOrderEventsCloseEachWindowWhenTheNextBegins() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10)
        #expect(windows.watermark == nil && windows.closedThrough == nil)
        let outcomes = try run(&windows, [1, 5, 9.99, 10, 15, 31])
        #expect(outcomes == [
            .open(0), .open(0), .open(0),
            .open(1, closing: [0]),  // 10 is the end of window 0, which the watermark (10) reaches
            .open(1),
            .open(3, closing: [1]),  // window 2 received nothing: never opened, never reported
        ])
        #expect(windows.closedThrough == 2)
        #expect(windows.openWindows.map(\.index) == [3])
        #expect(windows.watermark == 31)
    }

    @Test func outOfOrderEventsWithinLatenessLandInTheirOwnOpenWindow() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 5)
        #expect(try run(&windows, [1, 12, 8]) == [.open(0), .open(1), .open(0)])
        #expect(windows.openWindows.map(\.index) == [0, 1])
        #expect(windows.watermark == 7)
        // 6 is older than the watermark (9), yet accepted: lateness is judged per window, and window 0 ends at 10.
        #expect(try run(&windows, [14, 6]) == [.open(1), .open(0)])
        #expect(try run(&windows, [15, 9, 11]) == [.open(1, closing: [0]), .late(0), .open(1)])
    }

    @Test func eventsBeyondLatenessAreLateAndDoNotMoveTheWatermark() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 2)
        #expect(try run(&windows, [5, 13, 9, 0]) == [.open(0), .open(1, closing: [0]), .late(0), .late(0)])
        #expect(windows.maxEventTime == 13)
        let late = try windows.assign(eventTime: 9)
        #expect(try late.placement == .late(windows.window(containing: 9)))
    }

    @Test func severalOpenWindowsCloseInIncreasingOrder() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 30)
        #expect(try run(&windows, [35, 5, 25, 15, 0.5]) == [.open(3), .open(0), .open(2), .open(1), .open(0)])
        #expect(windows.openWindows.map(\.index) == [0, 1, 2, 3])
        #expect(try windows.advance(to: 52).map(\.index) == [0, 1])  // watermark 22
        #expect(try windows.advance(to: 40).isEmpty)  // behind the newest time: nothing moves
        #expect(windows.watermark == 22)
        #expect(try windows.advance(to: 75).map(\.index) == [2, 3])  // watermark 45; window 4 was never opened
        #expect(windows.openWindows.isEmpty)
        #expect(windows.closedThrough == 3)
    }

    @Test func windowBoundariesAreHalfOpen() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10)
        let window = try windows.window(containing: 10)
        #expect(window.index == 1 && window.start == 10 && window.end == 20)
        #expect(window.contains(10) && !window.contains(20))
        #expect(windows.window(at: 1) == window && windows.window(at: -3).start == -30)
        // Lateness 0: out-of-order data is accepted only within the newest window.
        #expect(try run(&windows, [7, 3, 10, 9.5]) == [.open(0), .open(0), .open(1, closing: [0]), .late(0)])
    }

    @Test func timesBeforeTheEpochUseNegativeIndices() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 1)
        let window = try windows.window(containing: -0.5)
        #expect(window.index == -1 && window.start == -1 && window.end == 0)
        #expect(try run(&windows, [-0.5, -3, 0]) == [.open(-1), .late(-3), .open(0, closing: [-1])])
    }

    @Test func lengthsNotRepresentableInBinaryPartitionTheAxisExactly() throws {
        let windows = try TumblingEventTimeWindows(windowLength: 0.1)
        // 0.3 / 0.1 rounds to 2.9999999999999996; the window is still the one whose bounds hold 0.3.
        let window = try windows.window(containing: 0.3)
        #expect(window.index == 2 && window.contains(0.3))
        for i in -2000...2000 {
            let start = Double(i) * 0.1
            let hit = try windows.window(containing: start)
            #expect(hit.index == Int64(i) && hit.start == start, "start of window \(i)")
            let before = try windows.window(containing: start.nextDown)
            #expect(before.index == Int64(i) - 1 && before.end == start, "just before window \(i)")
        }
    }

    @Test func aJumpOfAYearClosesOnlyTheOpenWindows() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 1, allowedLateness: 60)
        #expect(try run(&windows, (0..<10).map(Double.init)).allSatisfy { $0.closed.isEmpty })
        let year = 365.0 * 86_400
        #expect(try run(&windows, [year]) == [.open(31_536_000, closing: Array(0..<10))])
        #expect(windows.closedThrough == Int64(31_536_000 - 61))
        #expect(try run(&windows, [5]) == [.late(5)])

        // 3·10¹⁰ empty millisecond windows in one step: returns at once, reports none of them.
        var fine = try TumblingEventTimeWindows(windowLength: 0.001)
        _ = try fine.assign(eventTime: 1)
        #expect(try fine.advance(to: 1 + year).map(\.index) == [1000])
        #expect(try fine.advance(to: 1e12).isEmpty)
    }

    @Test func missingTimestampsUseTheReceiptTime() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 60, allowedLateness: 30)
        let received = try windows.assign(eventTime: nil, receiptTime: 125)
        #expect(received.placement == .open(try windows.window(containing: 125)))
        let stamped = try windows.assign(eventTime: 61, receiptTime: 1_000)
        #expect(stamped.placement.window.index == 1)
        #expect(windows.maxEventTime == 125)
    }

    @Test func aClockGoingBackwardsIsOutOfOrderData() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 15)
        var outcomes: [Outcome] = []
        for receipt in [100.0, 90, 80, 70] {
            outcomes.append(Outcome(try windows.assign(eventTime: nil, receiptTime: receipt)))
        }
        #expect(outcomes == [.open(10), .open(9), .open(8), .late(7)])
        #expect(windows.watermark == 85)
    }

    @Test func aHugeLatenessNeverClosesAnything() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 1, allowedLateness: 1e300)
        #expect(try run(&windows, [0, 1e6, -1e6]) == [.open(0), .open(1_000_000), .open(-1_000_000)])
        #expect(windows.openWindows.count == 3)
    }

    @Test func flushClosesEverythingOnceAndLaterEventsOpenNewWindows() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 100)
        _ = try run(&windows, [25, 5, 45])
        #expect(windows.flush().map(\.index) == [0, 2, 4])
        #expect(windows.flush().isEmpty)
        #expect(windows.closedThrough == 4)
        #expect(windows.watermark == -55)
        #expect(try run(&windows, [47, 12, 51]) == [.late(4), .late(1), .open(5)])
        #expect(try windows.advance(to: 200).map(\.index) == [5])
    }

    @Test func invalidConfigurationsAreRefused() {
        for length in [0, -1, Double.nan, .infinity, -.infinity] {
            do {
                _ = try TumblingEventTimeWindows(windowLength: length)
                Issue.record("length \(length) accepted")
            } catch {
                guard case .invalidWindowLength = error else { Issue.record("length \(length): \(error)"); continue }
            }
        }
        for lateness in [-1, -0.001, Double.nan, .infinity] {
            do {
                _ = try TumblingEventTimeWindows(windowLength: 1, allowedLateness: lateness)
                Issue.record("lateness \(lateness) accepted")
            } catch {
                guard case .invalidAllowedLateness = error else { Issue.record("lateness \(lateness): \(error)"); continue }
            }
        }
    }

    @Test func badEventTimesAreTypedErrorsAndLeaveTheStateUnchanged() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 5)
        _ = try run(&windows, [3, 12])
        let before = windows
        for time in [Double.nan, .infinity, -.infinity] {
            do {
                _ = try windows.assign(eventTime: time)
                Issue.record("\(time) accepted")
            } catch {
                guard case .nonFiniteEventTime = error else { Issue.record("\(time): \(error)"); continue }
            }
            do {
                _ = try windows.advance(to: time)
                Issue.record("advance to \(time) accepted")
            } catch {
                guard case .nonFiniteEventTime = error else { Issue.record("\(time): \(error)"); continue }
            }
        }
        for time in [1e300, -1e300, 10 * 0x1p50 + 20] {
            do {
                _ = try windows.assign(eventTime: time)
                Issue.record("\(time) accepted")
            } catch {
                #expect(error == .eventTimeOutOfRange(time))
            }
        }
        #expect(windows == before)
    }

    @Test func restartRoundTripResumesTheSameWindows() throws {
        let times: [Double] = [3, 14, 8, 27, 11, 22, 19, 41, 33, 2, 55, 47, 60, 44, 71]
        for split in 0...times.count {
            var original = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 12)
            _ = try run(&original, Array(times[..<split]))
            let saved = try JSONEncoder().encode(original)
            var restored = try JSONDecoder().decode(TumblingEventTimeWindows.self, from: saved)
            #expect(restored == original)
            #expect(restored.openWindows == original.openWindows && restored.watermark == original.watermark)
            let rest = Array(times[split...])
            #expect(try run(&restored, rest) == (try run(&original, rest)), "split at \(split)")
            #expect(restored.flush() == original.flush())
        }
    }

    @Test func savedStateNamesItsFields() throws {
        var windows = try TumblingEventTimeWindows(windowLength: 10, allowedLateness: 5)
        _ = try run(&windows, [3, 17, 12])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(windows), as: UTF8.self)
        #expect(json == #"{"allowedLateness":5,"closedThrough":0,"maxEventTime":17,"openWindows":[1],"watermark":12,"windowLength":10}"#)
    }

    @Test func corruptedSavedStatesAreRefused() {
        let corrupted = [
            #"{"allowedLateness":5,"windowLength":0,"openWindows":[]}"#,
            #"{"allowedLateness":-1,"windowLength":10,"openWindows":[]}"#,
            #"{"allowedLateness":5,"windowLength":10,"openWindows":[1]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":17,"closedThrough":1,"openWindows":[1]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":17,"closedThrough":0,"openWindows":[1,1]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":17,"closedThrough":0,"openWindows":[2]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":47,"closedThrough":0,"openWindows":[1]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":17,"openWindows":[1]}"#,
            #"{"allowedLateness":5,"windowLength":10,"maxEventTime":1e300,"closedThrough":0,"openWindows":[]}"#,
        ]
        for text in corrupted {
            #expect(throws: DecodingError.self, "\(text)") {
                try JSONDecoder().decode(TumblingEventTimeWindows.self, from: Data(text.utf8))
            }
        }
    }
}
