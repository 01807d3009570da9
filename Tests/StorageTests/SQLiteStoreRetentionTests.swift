import GRDB
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreRetentionTests {
    @Test func pruneRemovesExactlyTheOldRawEventsAndKeepsTheRest() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            try await store.putModel(name: "fraud", schema: schema, at: 1)
            let baseline = try BaselineProfile(name: "default", schema: schema, events: StoreTestData.events(100))
            try await store.putBaseline(model: "fraud", profile: baseline, activate: true, at: 1)
            let scenario = try SQLiteStoreWindowsTests.scenario()
            // Old and new by receipt time; event times are deliberately the other way round.
            let old = StoreTestData.events(2500, prefix: "old", start: 9_000_000)
            let new = StoreTestData.events(700, prefix: "new", start: 1000)
            _ = try await store.insertPredictions(model: "fraud", events: old, receivedAt: 1000)
            let last = try await store.insertPredictions(model: "fraud", events: new, receivedAt: 2000).lastSequence
            // The window state covers every prediction, so only receipt time decides.
            let open = OpenWindows(windowing: .eventTime(scenario.windowing), profiles: scenario.open, appliedThrough: last, savedAt: 2)
            try await store.saveWindows(model: "fraud", closed: [scenario.closed], open: open)
            _ = try await store.insertLabels(
                model: "fraud", events: old.prefix(30).map { LabelEvent(id: $0.id, label: .bool(true)) }, receivedAt: 1500)
            _ = try await store.insertLabels(
                model: "fraud", events: new.prefix(20).map { LabelEvent(id: $0.id, label: .bool(false)) }, receivedAt: 2000)

            let outcome = try await store.prune(olderThan: 2000, batchSize: 1000)
            #expect(outcome == PruneOutcome(predictions: 2500, labels: 30))
            let remaining = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT event_id FROM prediction ORDER BY seq")
            }
            #expect(remaining == new.map(\.id))
            #expect(try await store.labels(model: "fraud", ids: new.prefix(20).map(\.id)).count == 20)
            #expect(try await store.labels(model: "fraud", ids: old.prefix(30).map(\.id)).isEmpty)
            #expect(try await store.activeBaseline(model: "fraud")?.profile == baseline)
            #expect(try await store.openWindows(model: "fraud") == open)
            #expect(try await store.closedWindows(model: "fraud", from: 0, to: 1e12) == [scenario.closed])
            #expect(try await store.prune(olderThan: 2000) == PruneOutcome(predictions: 0, labels: 0, metricSamples: 0))
            // A pruned id can be ingested again: retention forgets it.
            #expect(try await store.insertPredictions(model: "fraud", events: Array(old.prefix(5)), receivedAt: 3000).inserted == 5)
        }
    }

    /// The newest batch stays whatever its age, so seqs keep growing after everything else went:
    /// an emptied table would number new rows from 1 again, below the saved `appliedThrough`.
    @Test func theNewestBatchStaysSoSequencesNeverGoBack() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
            let older = try await store.insertPredictions(model: "fraud", events: StoreTestData.events(40, prefix: "a"), receivedAt: 1000)
            let newest = try await store.insertPredictions(model: "fraud", events: StoreTestData.events(10, prefix: "b"), receivedAt: 1000)
            let scenario = try SQLiteStoreWindowsTests.scenario()
            try await store.saveWindows(
                model: "fraud", closed: [],
                open: OpenWindows(windowing: .eventTime(scenario.windowing), profiles: [], appliedThrough: newest.lastSequence, savedAt: 2))

            #expect(try await store.prune(olderThan: 5000, batchSize: 7).predictions == older.inserted)
            #expect(try await store.prune(olderThan: 5000).predictions == 0)
            let later = try await store.insertPredictions(model: "fraud", events: StoreTestData.events(5, prefix: "c"), receivedAt: 6000)
            let sequences = try await store.predictions(model: "fraud", afterSequence: 0, limit: 100).map(\.sequence)
            #expect(sequences.count == 15)
            #expect(try #require(sequences.first) > (older.lastSequence ?? .max))
            #expect(later.lastSequence == (newest.lastSequence ?? 0) + 5)
        }
    }

    /// Predictions after the saved `appliedThrough` are what a restart replays into the open
    /// windows: they stay, however old, until a window save covers them.
    @Test func predictionsNotYetAppliedByTheWindowsAreKept() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            try await store.putModel(name: "fraud", schema: schema, at: 1)
            try await store.putModel(name: "churn", schema: schema, at: 1)
            let events = StoreTestData.events(300, prefix: "a")
            let first = try await store.insertPredictions(model: "fraud", events: Array(events.prefix(100)), receivedAt: 1000)
            _ = try await store.insertPredictions(model: "fraud", events: Array(events.dropFirst(100)), receivedAt: 1000)
            // churn never saved window state: nothing of it is known to be applied.
            _ = try await store.insertPredictions(model: "churn", events: Array(events.prefix(50)), receivedAt: 1000)
            let scenario = try SQLiteStoreWindowsTests.scenario()
            try await store.saveWindows(
                model: "fraud", closed: [],
                open: OpenWindows(windowing: .eventTime(scenario.windowing), profiles: [], appliedThrough: first.lastSequence, savedAt: 2))

            let outcome = try await store.prune(olderThan: 5000, batchSize: 30)
            #expect(outcome == PruneOutcome(predictions: 100, labels: 0, metricSamples: 0))
            let left = try await store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT model.name, COUNT(*) FROM prediction JOIN model ON model.id = prediction.model_id GROUP BY model.name ORDER BY model.name")
                    .map { row -> String in "\(row[0] as String)=\(row[1] as Int)" }
            }
            #expect(left == ["churn=50", "fraud=200"])
            // The replay after a restart still finds every unapplied event, in order.
            let replay = try await store.predictions(model: "fraud", afterSequence: first.lastSequence ?? 0, limit: 1000)
            #expect(replay.map(\.event.id) == events.dropFirst(100).map(\.id))

            // Once a save covers them, the next pass removes them.
            let all = try await store.predictions(model: "fraud", afterSequence: 0, limit: 1000).last?.sequence
            try await store.saveWindows(
                model: "fraud", closed: [],
                open: OpenWindows(windowing: .eventTime(scenario.windowing), profiles: [], appliedThrough: all, savedAt: 3))
            #expect(try await store.prune(olderThan: 5000, batchSize: 30).predictions == 200)
        }
    }
}
