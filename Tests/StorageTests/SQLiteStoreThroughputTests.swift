import Foundation
import Monitoring
import Testing

@testable import Storage

/// A throwaway measurement, not a regression test: run it in a release build with
/// `DRIFTWATCH_STORAGE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SQLiteStoreThroughputTests`.
/// Without the variable it does nothing.
@Suite struct SQLiteStoreThroughputTests {
    @Test(arguments: StoreDurability.allCases)
    func insertPredictionsPerSecond(durability: StoreDurability) async throws {
        guard ProcessInfo.processInfo.environment["DRIFTWATCH_STORAGE_BENCH"] == "1" else { return }
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path(), durability: durability)
            try await store.putModel(name: "fraud", schema: try StoreTestData.schema(numericFeatures: 23), at: 1)
            // 23 numeric + 1 categorical + 1 boolean = 25 features.
            let batches = (0..<300).map { batch in
                StoreTestData.events(1000, prefix: "b\(batch)", start: 1_700_000_000 + Double(batch), numericFeatures: 23)
            }
            let clock = ContinuousClock()
            let start = clock.now
            var inserted = 0
            for batch in batches {
                inserted += try await store.insertPredictions(model: "fraud", events: batch, receivedAt: 1).inserted
            }
            let seconds = (clock.now - start) / .seconds(1)
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.path())
            print(
                "insertPredictions [\(durability)]: \(inserted) events × 25 features in batches of 1000:",
                "\(Int(Double(inserted) / seconds)) events/s (\(seconds) s), file \(attributes[.size] ?? 0) bytes + WAL")
            #expect(inserted == 300_000)
        }
    }
}
