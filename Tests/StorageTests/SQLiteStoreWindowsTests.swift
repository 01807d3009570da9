import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreWindowsTests {
    /// A model with a baseline, an event-time windowing state with two open windows, and the
    /// report of a closed one — what a server holds in the middle of a stream.
    struct Scenario {
        var windowing: TumblingEventTimeWindows
        var open: [WindowProfile]
        var closed: ClosedWindow
    }

    static func scenario() throws -> Scenario {
        let schema = try StoreTestData.schema()
        let baseline = try BaselineProfile(name: "default", schema: schema, events: StoreTestData.events(400))
        var windowing = try TumblingEventTimeWindows(windowLength: 3600, allowedLateness: 1200)
        var profiles: [Int64: WindowProfile] = [:]
        var closedReport: WindowReport?
        var closedWindow: EventTimeWindow?
        for event in StoreTestData.events(900, start: 36_000, spacing: 9) {
            let assignment = try windowing.assign(eventTime: event.timestamp ?? 0)
            let index = assignment.placement.window.index
            if profiles[index] == nil { profiles[index] = try WindowProfile(baseline: baseline, windowIndex: index) }
            profiles[index]?.add(event)
            for window in assignment.closedWindows {
                if let profile = profiles.removeValue(forKey: window.index) {
                    closedReport = try evaluate(window: profile, against: baseline)
                    closedWindow = window
                }
            }
        }
        guard let closedReport, let closedWindow else { throw StoreError.notFound("a closed window in the scenario") }
        return Scenario(
            windowing: windowing, open: profiles.values.sorted { $0.windowRange.lowerBound < $1.windowRange.lowerBound },
            closed: ClosedWindow(
                index: closedWindow.index, start: closedWindow.start, end: closedWindow.end, closedAt: 50_000,
                report: closedReport))
    }

    @Test func savesAndResumesOpenWindowsAndListsClosedOnes() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
            #expect(try await store.openWindows(model: "fraud") == nil)
            #expect(try await store.latestClosedWindow(model: "fraud") == nil)
            let scenario = try Self.scenario()
            #expect(scenario.open.count == 2)
            let open = OpenWindows(windowing: .eventTime(scenario.windowing), profiles: scenario.open, appliedThrough: 900, savedAt: 44_000)
            try await store.saveWindows(model: "fraud", closed: [scenario.closed], open: open)
            #expect(try await store.openWindows(model: "fraud") == open)
            #expect(try await store.latestClosedWindow(model: "fraud") == scenario.closed)
            #expect(try await store.closedWindows(model: "fraud", from: 0, to: 1e12) == [scenario.closed])
            #expect(try await store.closedWindows(model: "fraud", from: scenario.closed.end, to: 1e12).isEmpty)
            #expect(try await store.closedWindows(model: "fraud", from: 0, to: scenario.closed.start).isEmpty)

            // Closing the first open window later: its profile leaves the open set, its report joins.
            var later = scenario.closed
            later.index += 1
            later.start += 3600
            later.end += 3600
            let rows = try RowCountWindows(rowsPerWindow: 100)
            let next = OpenWindows(windowing: .rowCount(rows), profiles: [scenario.open[1]], appliedThrough: nil, savedAt: 48_000)
            try await store.saveWindows(model: "fraud", closed: [later], open: next)
            #expect(try await store.openWindows(model: "fraud") == next)
            #expect(try await store.closedWindows(model: "fraud", from: 0, to: 1e12) == [scenario.closed, later])
            #expect(try await store.closedWindows(model: "fraud", from: later.start, to: later.start + 1) == [later])
            #expect(try await store.latestClosedWindow(model: "fraud") == later)
            // By index, in pages: what the anomaly detectors of window series read.
            #expect(try await store.closedWindows(model: "fraud", afterIndex: .min, limit: 1) == [scenario.closed])
            #expect(try await store.closedWindows(model: "fraud", afterIndex: scenario.closed.index, limit: 5) == [later])
            #expect(try await store.closedWindows(model: "fraud", afterIndex: later.index, limit: 5).isEmpty)
            await #expect(throws: StoreError.notFound("model 'nope'")) {
                try await store.saveWindows(model: "nope", closed: [], open: next)
            }
        }
    }
}
