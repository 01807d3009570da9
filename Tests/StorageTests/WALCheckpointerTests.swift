import Foundation
import Monitoring
import Testing

@testable import Storage

@Suite(.timeLimit(.minutes(1))) struct WALCheckpointerTests {
    /// With a 64-page threshold, steady writes get their log copied by the background connection;
    /// the writer copies only the tail, and the commit after that starts the log over. Every row
    /// is still there, and a closed store is one file.
    @Test func theBackgroundConnectionCopiesTheLogAndTheWriterStartsItOver() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path(), durability: .normal, checkpointPages: 64)
            try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
            let checkpointer = store.checkpointer
            var written = 0
            var largestLog: Int32 = 0
            func write(_ count: Int) async throws {
                let events = StoreTestData.events(count, prefix: "b\(written)-")
                #expect(try await store.insertPredictions(model: "fraud", events: events, receivedAt: 1).inserted == count)
                written += count
                largestLog = max(largestLog, checkpointer.lastLogPages)
            }

            // Creating the schema may have started a pass: let it end and its tail be copied, then
            // count from there.
            while checkpointer.isCopying {
                try Task.checkCancellation()
                await Task.yield()
            }
            if checkpointer.tailDue { try await write(10) }
            largestLog = 0
            let initial = checkpointer.checkpoints
            // Write until the log passes the threshold and a background pass has run.
            while checkpointer.checkpoints.background == initial.background {
                try await write(100)
                try #require(written < 200_000, "no background checkpoint after \(written) rows")
            }
            #expect(largestLog >= 64)
            // The pass may still run; once it ends, the writer's next commit copies the tail.
            while !checkpointer.tailDue && checkpointer.checkpoints.tail == initial.tail {
                try Task.checkCancellation()
                await Task.yield()
            }
            if checkpointer.checkpoints.tail == initial.tail {
                try await write(10)
                #expect(checkpointer.checkpoints.tail == initial.tail + 1)
            }
            #expect(!checkpointer.tailDue)
            try await write(10)
            // Started over: the log holds this small batch, not everything written so far.
            #expect(checkpointer.lastLogPages < 64, "log of \(checkpointer.lastLogPages) pages after \(written) rows")

            let stored = try await store.predictions(model: "fraud", afterSequence: 0, limit: written + 1)
            #expect(stored.count == written)
            try await store.close()
            #expect(!FileManager.default.fileExists(atPath: directory.path() + "-wal"))
            let reopened = try SQLiteStore(path: directory.path())
            #expect(try await reopened.predictions(model: "fraud", afterSequence: 0, limit: written + 1).count == written)
            try await reopened.close()
        }
    }
}
