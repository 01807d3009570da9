import Foundation
import Logging
import Monitoring
import ServiceLifecycle
import Storage
import Testing

@testable import DriftwatchServer

@Suite struct RetentionServiceTests {
    static func schema() throws -> ModelSchema { try ModelSchema.decode(json: Data(ServerHarness.schemaJSON.utf8)) }

    static func events(_ prefix: String, _ count: Int) -> [PredictionEvent] {
        (0..<count).map { index in
            PredictionEvent(
                id: "\(prefix)\(index)", timestamp: 1_000 + Double(index),
                features: ["amount": .number(Double(index)), "country": .string("DE"), "is_new": .bool(index % 2 == 0)],
                prediction: .number(0.5))
        }
    }

    static func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("dw.sqlite").path)
        do {
            try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// With the clock at 100 000 s and a one-day retention, everything received before 13 600 s
    /// goes, except predictions the windows have not applied; the rest stays.
    @Test func aPassPrunesOnlyRawEventsOlderThanTheRetention() async throws {
        try await Self.withStore { store in
            let schema = try Self.schema()
            try await store.putModel(name: "fraud", schema: schema, at: 1)
            let baseline = try BaselineProfile(name: "default", schema: schema, events: Self.events("b", 50))
            try await store.putBaseline(model: "fraud", profile: baseline, activate: true, at: 1)
            let old = try await store.insertPredictions(model: "fraud", events: Self.events("old", 120), receivedAt: 10_000)
            _ = try await store.insertPredictions(model: "fraud", events: Self.events("new", 80), receivedAt: 90_000)
            let windowing = WindowingState.eventTime(try TumblingEventTimeWindows(windowLength: 3600, allowedLateness: 0))
            var applied = OpenWindows(windowing: windowing, profiles: [], appliedThrough: old.lastSequence, savedAt: 2)
            try await store.saveWindows(model: "fraud", closed: [], open: applied)
            // Received long ago but after what the windows applied (a crash before the save): kept.
            _ = try await store.insertPredictions(model: "fraud", events: Self.events("unapplied", 10), receivedAt: 10_000)
            _ = try await store.insertLabels(
                model: "fraud", events: [LabelEvent(id: "old0", label: .bool(true)), LabelEvent(id: "old1", label: .bool(false))],
                receivedAt: 10_000)
            _ = try await store.insertLabels(model: "fraud", events: [LabelEvent(id: "new0", label: .bool(true))], receivedAt: 90_000)
            try await store.insertMetricSamples([MetricSample(name: "up", timestamp: 5, value: 1)], receivedAt: 10_000)
            try await store.insertMetricSamples([MetricSample(name: "up", timestamp: 6, value: 1)], receivedAt: 90_000)

            let service = RetentionService(
                store: store, retention: 86_400, interval: .seconds(3600), now: { 100_000 }, logger: Logger(label: "test"))
            let outcome = try #require(await service.pass())
            #expect(outcome == PruneOutcome(predictions: 120, labels: 2, metricSamples: 1))

            let remaining = try await store.predictions(model: "fraud", afterSequence: 0, limit: 1000).map(\.event.id)
            #expect(remaining == Self.events("new", 80).map(\.id) + Self.events("unapplied", 10).map(\.id))
            #expect(try await store.labels(model: "fraud", ids: ["old0", "old1", "new0"]).map(\.event.id) == ["new0"])
            #expect(try await store.metricSamples(name: "up", labels: [:], timestamps: 0..<100).map(\.timestamp) == [6])
            #expect(try await store.activeBaseline(model: "fraud")?.profile == baseline)
            #expect(try await store.openWindows(model: "fraud") == applied)
            #expect(try await store.model(named: "fraud") != nil)

            // A second pass at the same time finds nothing more; once the windows have applied
            // everything, a pass a day later takes the rest but the newest batch, which keeps
            // the sequence numbers growing.
            #expect(await service.pass() == PruneOutcome(predictions: 0, labels: 0, metricSamples: 0))
            applied.appliedThrough = try await store.predictions(model: "fraud", afterSequence: 0, limit: 1000).last?.sequence
            try await store.saveWindows(model: "fraud", closed: [], open: applied)
            let later = RetentionService(
                store: store, retention: 86_400, interval: .seconds(3600), now: { 200_000 }, logger: Logger(label: "test"))
            #expect(await later.pass() == PruneOutcome(predictions: 80, labels: 1, metricSamples: 1))
            #expect(
                try await store.predictions(model: "fraud", afterSequence: 0, limit: 1000).map(\.event.id)
                    == Self.events("unapplied", 10).map(\.id))
        }
    }

    /// In a service group, the first pass runs at start and graceful shutdown ends the hourly
    /// wait at once.
    @Test func runsAtStartAndStopsPromptlyOnGracefulShutdown() async throws {
        try await Self.withStore { store in
            try await store.insertMetricSamples([MetricSample(name: "up", timestamp: 5, value: 1)], receivedAt: 10)
            let service = RetentionService(
                store: store, retention: 60, interval: .seconds(3600), now: { 1_000 }, logger: Logger(label: "test"))
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadline = ContinuousClock.now + .seconds(10)
                while try await !store.metricSeries().isEmpty {
                    try #require(ContinuousClock.now < deadline, "the first pass did not run")
                    try await Task.sleep(for: .milliseconds(10))
                }
                let stopping = ContinuousClock.now
                await group.triggerGracefulShutdown()
                try await tasks.next()
                #expect(ContinuousClock.now - stopping < .seconds(5))
            }
        }
    }
}
