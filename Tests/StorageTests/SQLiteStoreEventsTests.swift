import GRDB
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreEventsTests {
    private func openStore(_ directory: TemporaryDirectory) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: directory.path())
        try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
        return store
    }

    @Test func roundTripsPredictionsOfEveryShape() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            var events = StoreTestData.events(20)
            events[3].prediction = .label("fraud")
            events[4].prediction = .probabilities(["fraud": 0.25, "ok": 0.75])
            events[5].timestamp = nil
            events[6].features["extra"] = .string("other layout")
            events[7].features = [:]
            let outcome = try await store.insertPredictions(model: "fraud", events: events, receivedAt: 5000)
            #expect(outcome == InsertOutcome(inserted: 20, duplicates: 0, duplicatePositions: [], lastSequence: 20))
            let stored = try await store.predictions(model: "fraud", ids: events.map(\.id) + ["absent"])
            var expected = events
            expected[5].timestamp = 5000
            #expect(stored.map(\.event) == expected)
            #expect(stored.allSatisfy { $0.receivedAt == 5000 })
            #expect(stored.map(\.sequence) == Array(1...20))
        }
    }

    /// Each batch that stores rows records one receipt for their contiguous seqs; a batch of
    /// duplicates only records none.
    @Test func aStoredBatchRecordsOneReceiptForItsNewRows() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            let events = StoreTestData.events(30)
            _ = try await store.insertPredictions(model: "fraud", events: Array(events.prefix(20)), receivedAt: 100)
            _ = try await store.insertPredictions(model: "fraud", events: Array(events.prefix(20)), receivedAt: 200)
            let mixed = Array(events.prefix(25).suffix(10))
            #expect(try await store.insertPredictions(model: "fraud", events: mixed, receivedAt: 300).inserted == 5)
            let receipts = try await store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT first_seq, last_seq, received_at FROM prediction_receipt ORDER BY first_seq")
                    .map { row -> String in "\(row[0] as Int)-\(row[1] as Int)@\(row[2] as Double)" }
            }
            #expect(receipts == ["1-20@100.0", "21-25@300.0"])
        }
    }

    @Test func aResentBatchInsertsNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            let events = StoreTestData.events(500)
            #expect(try await store.insertPredictions(model: "fraud", events: events, receivedAt: 10)
                == InsertOutcome(inserted: 500, duplicates: 0, duplicatePositions: [], lastSequence: 500))
            #expect(try await store.insertPredictions(model: "fraud", events: events, receivedAt: 20)
                == InsertOutcome(inserted: 0, duplicates: 500, duplicatePositions: Array(0..<500), lastSequence: nil))
            var changed = events[0]
            changed.prediction = .number(42)
            let mixed = [changed, events[1]] + StoreTestData.events(3, prefix: "new") + [events[2]]
            #expect(try await store.insertPredictions(model: "fraud", events: mixed, receivedAt: 30)
                == InsertOutcome(inserted: 3, duplicates: 3, duplicatePositions: [0, 1, 5], lastSequence: 503))
            // Replaying after a sequence gives the new events in arrival order.
            #expect(try await store.predictions(model: "fraud", afterSequence: 499, limit: 10).map(\.event.id)
                == [events[499].id, "new-0", "new-1", "new-2"])
            // The first stored version wins; a duplicate never overwrites it.
            #expect(try await store.predictions(model: "fraud", ids: [events[0].id]).map(\.event) == [events[0]])
            #expect(try await store.predictions(model: "fraud", ids: [events[0].id]).first?.receivedAt == 10)
            let twice = StoreTestData.events(2, prefix: "twice")
            let outcome = try await store.insertPredictions(model: "fraud", events: twice + twice, receivedAt: 40)
            #expect(outcome.inserted == 2 && outcome.duplicates == 2 && outcome.duplicatePositions == [2, 3])
        }
    }

    @Test func idsAreScopedByModel() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            try await store.putModel(name: "churn", schema: try StoreTestData.schema(), at: 1)
            let events = StoreTestData.events(10)
            #expect(try await store.insertPredictions(model: "fraud", events: events, receivedAt: 1).inserted == 10)
            #expect(try await store.insertPredictions(model: "churn", events: events, receivedAt: 1).inserted == 10)
        }
    }

    @Test func anUnknownModelStoresNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            await #expect(throws: StoreError.notFound("model 'nope'")) {
                try await store.insertPredictions(model: "nope", events: StoreTestData.events(3), receivedAt: 1)
            }
            await #expect(throws: StoreError.notFound("model 'nope'")) {
                try await store.insertLabels(model: "nope", events: [LabelEvent(id: "a", label: .bool(true))], receivedAt: 1)
            }
            #expect(try await store.predictions(model: "nope", ids: ["e-0"]).isEmpty)
        }
    }

    @Test func concurrentInsertsLoseNothingAndDuplicateNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            // Eight tasks, each sending 4 batches of 250; tasks 2k and 2k+1 send the same ids.
            let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var total = InsertOutcome(inserted: 0, duplicates: 0)
                        var sequences: [Int64] = []
                        let events = StoreTestData.events(1000, prefix: "t\(task / 2)")
                        for batch in 0..<4 {
                            let outcome = try await store.insertPredictions(
                                model: "fraud", events: Array(events[batch * 250..<(batch + 1) * 250]), receivedAt: 1)
                            total.inserted += outcome.inserted
                            total.duplicates += outcome.duplicates
                            sequences += outcome.lastSequence.map { [$0] } ?? []
                        }
                        #expect(sequences == sequences.sorted())
                        return total
                    }
                }
                return try await group.reduce(into: [InsertOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.map(\.inserted).reduce(0, +) == 4000)
            #expect(outcomes.map(\.duplicates).reduce(0, +) == 4000)
            let count = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM prediction") }
            #expect(count == 4000)
            let page = try await store.predictionPage(model: "fraud", eventTimes: -1e12..<1e12, after: nil, limit: 10_000)
            #expect(Set(page.predictions.map(\.event.id)).count == 4000)
        }
    }

    @Test func labelsRoundTripAndAreIdempotent() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            let labels = [
                LabelEvent(id: "a", label: .bool(true), timestamp: 10), LabelEvent(id: "b", label: .bool(false)),
                LabelEvent(id: "c", label: .number(1)), LabelEvent(id: "d", label: .string("fraud"), timestamp: 12),
            ]
            #expect(try await store.insertLabels(model: "fraud", events: labels, receivedAt: 50)
                == InsertOutcome(inserted: 4, duplicates: 0, duplicatePositions: [], lastSequence: 4))
            #expect(try await store.insertLabels(model: "fraud", events: labels, receivedAt: 60)
                == InsertOutcome(inserted: 0, duplicates: 4, duplicatePositions: [0, 1, 2, 3], lastSequence: nil))
            let stored = try await store.labels(model: "fraud", ids: ["d", "c", "b", "a", "z"])
            var expected = Array(labels.reversed())
            expected[2].timestamp = 50
            expected[1].timestamp = 50
            #expect(stored.map(\.event) == expected)
        }
    }

    @Test func pagesThroughAnEventTimeRangeInOrderWithTies() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            // Three events share each second, sent out of order, so pages split ties.
            var events = StoreTestData.events(300, start: 1000, spacing: 1.0 / 3)
            for index in events.indices { events[index].timestamp = 1000 + Double(index / 3) }
            _ = try await store.insertPredictions(model: "fraud", events: events.reversed(), receivedAt: 1)
            var seen: [PredictionEvent] = []
            var cursor: PredictionCursor?
            var pages = 0
            repeat {
                let page = try await store.predictionPage(model: "fraud", eventTimes: 1010..<1050, after: cursor, limit: 7)
                seen += page.predictions.map(\.event)
                cursor = page.next
                pages += 1
            } while cursor != nil
            let expected = events.filter { (1010..<1050).contains($0.timestamp ?? 0) }
            #expect(seen.count == 120)
            #expect(Set(seen.map(\.id)) == Set(expected.map(\.id)))
            #expect(seen.map { $0.timestamp ?? 0 } == expected.map { $0.timestamp ?? 0 })
            #expect(pages == 18)
            var streamed: [String] = []
            for try await page in store.predictionPages(model: "fraud", eventTimes: 1010..<1050, pageSize: 50) {
                #expect(page.count <= 50)
                streamed += page.map(\.event.id)
            }
            #expect(streamed == seen.map(\.id))
            await #expect(throws: StoreError.invalidArgument("a page must hold at least one prediction, got 0")) {
                try await store.predictionPage(model: "fraud", eventTimes: 0..<1, after: nil, limit: 0)
            }
            #expect(try await store.predictionPage(model: "nope", eventTimes: 0..<1e12, after: nil, limit: 5).predictions.isEmpty)
        }
    }
}
