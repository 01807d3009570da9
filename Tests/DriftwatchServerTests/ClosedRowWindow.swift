import DriftwatchTestSupport
import Testing

/// A model `m` with one numeric feature and 5-row windows, its baseline, and one closed window of
/// 5 rows: the smallest setup whose `driftwatch_window_rows{model="m"}` the store keeps across
/// restarts, for tests of the alert engine in a real server.
enum ClosedRowWindow {
    static func create(on server: ServeProcess) async throws {
        let schema = #"{"features":[{"name":"x","type":"numeric"}],"prediction":{"type":"score"},"window":{"rows":5}}"#
        #expect(try await server.request("PUT", "/v1/models/m", type: "application/json", body: schema).status == 201)
        func events(_ prefix: String, _ count: Int) -> String {
            (0..<count).map { #"{"id":"\#(prefix)\#($0)","features":{"x":\#($0 % 7)},"prediction":0.5}"# }.joined(separator: "\n")
        }
        let baseline = try await server.request("PUT", "/v1/models/m/baselines/reference", type: "application/x-ndjson", body: events("r", 50))
        #expect(baseline.status == 200)
        let batch = try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: events("p", 5))
        #expect(batch.status == 200)
    }
}
