import Foundation
import HTTPTypes
import HummingbirdTesting
import Monitoring
import Storage
import Testing

@Suite struct BaselineRouteTests {
    static func csv(rows: Int) -> String {
        var lines = ["id,amount,country,is_new,prediction"]
        for row in 0..<rows {
            lines.append("r\(row),\(Double(row) * 1.5),\(["DE", "FR", "US"][row % 3]),\(row % 2 == 0 ? "true" : "false"),\(Double(row % 10) / 10)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func csvUploadIsStoredAndActive() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let response = try await client.send(.put, "/v1/models/fraud/baselines/reference", contentType: "text/csv", body: Self.csv(rows: 200))
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            #expect(body["rows"] as? Int == 200)
            #expect(body["active"] as? Bool == true)

            let active = try #require(try await store.activeBaseline(model: "fraud"))
            #expect(active.summary.name == "reference")
            #expect(active.summary.rowCount == 200)
            #expect(active.profile.features.count == 3)

            let described = try await client.send(.get, "/v1/models/fraud")
            let baseline = try #require(try described.json()["active_baseline"] as? [String: Any])
            #expect(baseline["name"] as? String == "reference")
        }
    }

    @Test func ndjsonUploadAndRejections() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let lines = (0..<50).map { #"{"id":"b\#($0)","features":{"amount":\#($0),"country":"DE","is_new":true},"prediction":0.5}"# }
            let response = try await client.send(
                .put, "/v1/models/fraud/baselines/nd", contentType: "application/x-ndjson",
                body: (lines + [#"{"id":"bad","features":{"amount":"x"},"prediction":0.5}"#]).joined(separator: "\n"))
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            #expect(body["rows"] as? Int == 50)
            #expect((body["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 51)
            #expect(try await store.activeBaseline(model: "fraud")?.summary.name == "nd")

            let wrongType = try await client.send(.put, "/v1/models/fraud/baselines/x", contentType: "application/json", body: "[]")
            #expect(wrongType.status == .unsupportedMediaType)
            let empty = try await client.send(.put, "/v1/models/fraud/baselines/x", contentType: "text/csv", body: "id,amount,prediction\n")
            #expect(empty.status == .badRequest)
            let unknown = try await client.send(.put, "/v1/models/nope/baselines/x", contentType: "text/csv", body: Self.csv(rows: 3))
            #expect(unknown.status == .notFound)
        }
    }

    @Test func activateFalseKeepsTheActiveBaseline() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let first = try await client.send(.put, "/v1/models/fraud/baselines/first", contentType: "text/csv", body: Self.csv(rows: 30))
            #expect(first.status == .ok)
            let second = try await client.send(
                .put, "/v1/models/fraud/baselines/second?activate=false", contentType: "text/csv", body: Self.csv(rows: 40))
            #expect(second.status == .ok, "\(second.text)")
            #expect(try second.json()["active"] as? Bool == false)
            #expect(try await store.activeBaseline(model: "fraud")?.summary.name == "first")
            #expect(try await store.baselines(model: "fraud").map(\.name) == ["first", "second"])

            let bad = try await client.send(.put, "/v1/models/fraud/baselines/third?activate=no", contentType: "text/csv", body: Self.csv(rows: 5))
            #expect(bad.status == .badRequest)
            #expect(bad.text == #"{"error":"activate: expected true or false, got 'no'"}"#)
        }
    }
}
