import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ModelRouteTests {
    @Test func registerListAndDescribe() async throws {
        try await ServerHarness.run { client, _ in
            try await client.registerModel("fraud")
            let replaced = try await client.send(.put, "/v1/models/fraud", contentType: "application/json", body: ServerHarness.schemaJSON)
            #expect(replaced.status == .ok)

            let list = try await client.send(.get, "/v1/models")
            #expect(list.status == .ok)
            let models = try #require(try list.json()["models"] as? [[String: Any]])
            #expect(models.map { $0["name"] as? String } == ["fraud"])

            let described = try await client.send(.get, "/v1/models/fraud")
            let body = try described.json()
            #expect(body["name"] as? String == "fraud")
            #expect(body["active_baseline"] is NSNull)
            let schema = try #require(body["schema"] as? [String: Any])
            #expect((schema["features"] as? [Any])?.count == 3)

            let unknown = try await client.send(.get, "/v1/models/other")
            #expect(unknown.status == .notFound)
            #expect(try unknown.errorMessage() == "unknown model 'other'")
        }
    }

    @Test func invalidSchemaIsA400NamingTheField() async throws {
        try await ServerHarness.run { client, _ in
            let body = #"{"features":[{"name":"amount","type":"decimal"}],"prediction":{"type":"score"}}"#
            let response = try await client.send(.put, "/v1/models/fraud", contentType: "application/json", body: body)
            #expect(response.status == .badRequest)
            let message = try #require(try response.errorMessage())
            #expect(message.hasPrefix("features[0].type: unknown type 'decimal'"), "\(message)")

            let malformed = try await client.send(.put, "/v1/models/fraud", contentType: "application/json", body: "{")
            #expect(malformed.status == .badRequest)
            #expect(try malformed.errorMessage()?.hasPrefix("malformed JSON") == true)
        }
    }

    @Test func probesAnswer() async throws {
        try await ServerHarness.run { client, _ in
            #expect(try await client.send(.get, "/healthz").status == .ok)
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.json()["status"] as? String == "ready")
        }
    }

    /// The list (one store read for all models) says what describing each model says.
    @Test func listingEqualsDescribingEachModel() async throws {
        try await ServerHarness.run { client, _ in
            for name in ["b-plain", "a-busy"] { try await client.registerModel(name) }
            let baseline = try await client.send(
                .put, "/v1/models/a-busy/baselines/reference", contentType: "application/x-ndjson",
                body: BaselineFromWindowRouteTests.ndjson(0..<300))
            #expect(baseline.status == .ok)
            let ingest = try await client.send(
                .post, "/v1/models/a-busy/predictions", contentType: "application/x-ndjson",
                body: BaselineFromWindowRouteTests.ndjson(0..<800))
            #expect(ingest.status == .ok)
            // The closed window's performance is computed after the ingest answer; wait for it so
            // that the listing and the descriptions below read the same stored state.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let window = try await client.send(.get, "/v1/models/a-busy").json()["latest_window"] as? [String: Any]
                if window?["performance"] is [String: Any] { break }
                await Task.yield()
            }

            let list = try await client.send(.get, "/v1/models")
            let models = try #require(try list.json()["models"] as? [[String: Any]])
            #expect(models.map { $0["name"] as? String } == ["a-busy", "b-plain"])
            #expect(models[0]["latest_window"] is [String: Any])
            #expect((models[0]["active_baseline"] as? [String: Any])?["name"] as? String == "reference")
            #expect(models[1]["latest_window"] is NSNull)
            for model in models {
                let name = try #require(model["name"] as? String)
                let described = try await client.send(.get, "/v1/models/\(name)").json()
                #expect(NSDictionary(dictionary: model).isEqual(to: described), "\(name)")
            }
        }
    }
}
