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
            let open = OpenWindows(windowing: .eventTime(scenario.windowing), profiles: scenario.open, appliedThrough: 900, savedAt: 2)
            try await store.saveWindows(model: "fraud", closed: [scenario.closed], open: open)
            // Old and new by receipt time; event times are deliberately the other way round.
            let old = StoreTestData.events(2500, prefix: "old", start: 9_000_000)
            let new = StoreTestData.events(700, prefix: "new", start: 1000)
            _ = try await store.insertPredictions(model: "fraud", events: old, receivedAt: 1000)
            _ = try await store.insertPredictions(model: "fraud", events: new, receivedAt: 2000)
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
            #expect(try await store.prune(olderThan: 2000) == PruneOutcome(predictions: 0, labels: 0))
            // A pruned id can be ingested again: retention forgets it.
            #expect(try await store.insertPredictions(model: "fraud", events: Array(old.prefix(5)), receivedAt: 3000).inserted == 5)
        }
    }
}
