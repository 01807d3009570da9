import Foundation
import Monitoring
import Testing

@testable import Storage

/// A throwaway measurement, not a regression test: run it in a release build with
/// `DRIFTWATCH_STORAGE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SQLiteStoreThroughputTests`.
/// Without the variable it does nothing. Serialized so the two settings do not share the cores.
@Suite(.serialized) struct SQLiteStoreThroughputTests {
    /// How the batches are sent.
    struct Load: Sendable, CustomStringConvertible {
        /// Tasks sending their share of the batches concurrently, as concurrent ingest requests
        /// do: each encodes its blobs while another holds the writer.
        var writers: Int
        /// Live traffic has advancing event times, so the event-time index grows at its end.
        /// Interleaved, every batch spans the times of all others (300 overlapping replays), so
        /// each batch touches index pages all over the range: the costly case.
        var interleaved: Bool

        var description: String { "\(writers) writer(s), \(interleaved ? "interleaved" : "advancing") event times" }
    }

    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["DRIFTWATCH_STORAGE_BENCH"] == "1", "a measurement, run on request"),
        arguments: StoreDurability.allCases, [
        Load(writers: 1, interleaved: false), Load(writers: 2, interleaved: false),
        Load(writers: 1, interleaved: true), Load(writers: 2, interleaved: true),
    ])
    func insertPredictionsPerSecond(durability: StoreDurability, load: Load) async throws {
        let writers = load.writers
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path(), durability: durability)
            try await store.putModel(name: "fraud", schema: try StoreTestData.schema(numericFeatures: 23), at: 1)
            // 23 numeric + 1 categorical + 1 boolean = 25 features, one event per second.
            let batches = (0..<300).map { batch in
                StoreTestData.events(
                    1000, prefix: "b\(batch)", start: 1_700_000_000 + Double(batch) * (load.interleaved ? 1 : 1000),
                    numericFeatures: 23)
            }
            let clock = ContinuousClock()
            let cpuBefore = Self.processCPUSeconds()
            let start = clock.now
            let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        var inserted = 0
                        for batch in stride(from: writer, to: batches.count, by: writers) {
                            inserted += try await store.insertPredictions(
                                model: "fraud", events: batches[batch], receivedAt: 1
                            ).inserted
                        }
                        return inserted
                    }
                }
                return try await group.reduce(0, +)
            }
            let seconds = (clock.now - start) / .seconds(1)
            let cpu = Self.processCPUSeconds() - cpuBefore
            print(
                "insertPredictions [\(durability), \(load)]: \(inserted) events × 25 features in batches of 1000:",
                "\(Int(Double(inserted) / seconds)) events/s wall (\(seconds) s),",
                "\(Int(Double(inserted) / cpu)) events per CPU-second (\(cpu) s user+sys)")
            #expect(inserted == 300_000)
        }
    }

    /// User plus system CPU time of this process so far.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
