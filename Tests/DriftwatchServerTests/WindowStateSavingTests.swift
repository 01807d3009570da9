import DriftwatchServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Monitoring
import Storage
import Testing

/// The pipeline saves its open windows only now and then (`WindowStateSaving`); a restart
/// replays the events stored after the saved `appliedThrough`. These tests leave many batches
/// unsaved on purpose (`.onCloseOnly`) and restart without a graceful flush — what a crash leaves.
@Suite struct WindowStateSavingTests {
    static func configuration(_ directory: URL, saving: WindowStateSaving) -> ServerConfiguration {
        ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("dw.sqlite").path,
            windowStateSaving: saving)
    }

    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-saving-\(UUID().uuidString)")
    }

    static func setUp(_ client: some TestClientProtocol, schema: String = WindowPipelineTests.schema) async throws {
        #expect(try await client.send(.put, "/v1/models/m", contentType: "application/json", body: schema).status == .created)
        let baseline = (0..<300).map { WindowPipelineTests.event("b\($0)", hour: -1, index: $0) }
        let uploaded = try await client.send(
            .put, "/v1/models/m/baselines/ref", contentType: "application/x-ndjson", body: WindowPipelineTests.ndjson(baseline))
        #expect(uploaded.status == .ok, "\(uploaded.text)")
    }

    /// Sends a batch and waits until it is profiled, so the saved state can be checked in the store.
    static func ingest(_ client: some TestClientProtocol, _ events: [PredictionEvent]) async throws {
        let response = try await client.send(
            .post, "/v1/models/m/predictions", contentType: "application/x-ndjson", body: WindowPipelineTests.ndjson(events))
        #expect(try response.json()["accepted"] as? Int == events.count, "\(response.text)")
        try await client.settle("m")
    }

    static func sequence(of id: String, in store: any Store) async throws -> Int64? {
        try await store.predictions(model: "m", ids: [id]).first?.sequence
    }

    @Test func aRestartAfterManyUnsavedBatchesReplaysThemIntoTheSameReport() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = Self.configuration(directory, saving: .onCloseOnly)
        let perHour = WindowPipelineTests.perHour

        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await Self.setUp(client)
            for first in stride(from: 0, to: perHour, by: 20) {
                try await Self.ingest(client, WindowPipelineTests.hour(0, first..<(first + 20)))
            }
            // Ten batches, no window closed: nothing saved since the pipeline started.
            #expect(try await store.openWindows(model: "m")?.appliedThrough == nil)

            // The first batch of hour 1 closes hour 0: its report is saved with the state at once.
            try await Self.ingest(client, WindowPipelineTests.hour(1, 0..<20))
            let closing = try await Self.sequence(of: "h1-19", in: store)
            #expect(closing != nil)
            #expect(try await store.openWindows(model: "m")?.appliedThrough == closing)
            #expect(try await store.closedWindows(model: "m", from: 0, to: 4e9).map(\.report.rows) == [perHour])

            for first in stride(from: 20, to: 120, by: 20) {
                try await Self.ingest(client, WindowPipelineTests.hour(1, first..<(first + 20)))
            }
            // Five more batches stored, the saved state still ends at the closing batch.
            #expect(try await store.openWindows(model: "m")?.appliedThrough == closing)
        }

        // Restarted without a flush: the 100 unsaved events of hour 1 are replayed.
        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await Self.ingest(client, WindowPipelineTests.hour(1, 120..<perHour))
            try await Self.ingest(client, [WindowPipelineTests.event("h2-0", hour: 2, index: 0)])
            let closed = try await store.closedWindows(model: "m", from: 0, to: 4e9)
            #expect(closed.map(\.index) == [WindowPipelineTests.firstIndex, WindowPipelineTests.firstIndex + 1])

            let baseline = try #require(try await store.activeBaseline(model: "m")).profile
            var direct = try WindowProfile(baseline: baseline, windowIndex: WindowPipelineTests.firstIndex + 1)
            for event in WindowPipelineTests.hour(1, 0..<perHour) { direct.add(event) }
            #expect(closed.last?.report == (try evaluate(window: direct, against: baseline, detectors: DetectorPlan.builtIn.detectors)))
            #expect(closed.last?.report.driftedFeatures == ["amount"])
        }
    }

    @Test func rowCountWindowsKeepTheirStartAcrossARestart() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = Self.configuration(directory, saving: .everyBatch)
        let schema = WindowPipelineTests.schema.replacingOccurrences(of: #""window":"1h""#, with: #""window":{"rows":120}"#)

        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await Self.setUp(client, schema: schema)
            try await Self.ingest(client, WindowPipelineTests.hour(0, 0..<50))
            let saved = try #require(try await store.openWindows(model: "m"))
            let start = WindowPipelineTests.start
            #expect(saved.rowWindowTimes == [0: start...(start + 49 * 17)])
        }
        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await Self.ingest(client, WindowPipelineTests.hour(0, 50..<130))
            let closed = try await store.closedWindows(model: "m", from: 0, to: 4e9)
            #expect(closed.map(\.report.rows) == [120])
            // The window started with its first row, before the restart.
            #expect(closed.first?.start == WindowPipelineTests.start)
            #expect(closed.first?.end == WindowPipelineTests.start + 119 * 17)
        }
    }

    @Test func aBoundOnUnsavedEventsForcesASave() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = Self.configuration(
            directory, saving: WindowStateSaving(interval: .infinity, maxUnsavedEvents: 50))
        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await Self.setUp(client)
            try await Self.ingest(client, WindowPipelineTests.hour(0, 0..<30))
            #expect(try await store.openWindows(model: "m")?.appliedThrough == nil)
            // 60 unsaved events pass the bound of 50: saved.
            try await Self.ingest(client, WindowPipelineTests.hour(0, 30..<60))
            #expect(try await store.openWindows(model: "m")?.appliedThrough == (try await Self.sequence(of: "h0-59", in: store)))
        }
    }
}
