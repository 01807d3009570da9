import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreOverviewsTests {
    /// The one-snapshot listing says what the per-model queries say, for models with and without
    /// baselines and windows.
    @Test func overviewsMatchThePerModelQueries() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            for name in ["c-none", "a-full", "b-baseline"] { try await store.putModel(name: name, schema: schema, at: 1) }
            let events = StoreTestData.events(200)
            for (model, active) in [("a-full", "second"), ("b-baseline", "only")] {
                try await store.putBaseline(
                    model: model, profile: try BaselineProfile(name: "first", schema: schema, events: events), activate: true, at: 2)
                try await store.putBaseline(
                    model: model, profile: try BaselineProfile(name: active, schema: schema, events: events), activate: true, at: 3)
            }
            let scenario = try SQLiteStoreWindowsTests.scenario()
            var later = scenario.closed
            later.index += 1
            later.start += 3600
            later.end += 3600
            var earlier = scenario.closed
            earlier.index -= 1
            earlier.start -= 3600
            earlier.end -= 3600
            let open = OpenWindows(windowing: .eventTime(scenario.windowing), profiles: [], appliedThrough: nil, savedAt: 2)
            try await store.saveWindows(model: "a-full", closed: [later, scenario.closed, earlier], open: open)

            let overviews = try await store.modelOverviews()
            #expect(overviews.map(\.model.name) == ["a-full", "b-baseline", "c-none"])
            for overview in overviews {
                #expect(overview.model == (try await store.model(named: overview.model.name)))
                #expect(overview.activeBaseline == (try await store.activeBaseline(model: overview.model.name))?.summary)
                #expect(overview.latestWindow == (try await store.latestClosedWindow(model: overview.model.name)))
            }
            #expect(overviews[0].latestWindow?.index == later.index)
            #expect(overviews[0].activeBaseline?.name == "second")
            #expect(overviews[2].activeBaseline == nil && overviews[2].latestWindow == nil)
        }
    }
}
