import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Monitoring
import Storage
import Testing

@Suite struct IngestRouteTests {
    static let mixedBatch = [
        #"{"id":"p1","timestamp":"2026-11-21T10:00:00Z","features":{"amount":42.5,"country":"DE","is_new":true},"prediction":0.91}"#,
        #"{"id":"p2","features":{"amount":"42"},"prediction":0.5}"#,
        #"{"id":"p3","timestamp":1795255200.5,"features":{"amount":3,"country":"FR","is_new":false},"prediction":0.2}"#,
        #"{"features":{},"prediction":0.5}"#,
        #"{"id":"p4","features":{"is_new":1},"prediction":0.1}"#,
        #"{"id":"p5","features":{"amount":7},"prediction":0.7}"#,
    ].joined(separator: "\n")

    @Test func mixedBatchKeepsValidLinesAndReSendIsIdempotent() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let first = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.mixedBatch)
            #expect(first.status == .ok)
            let body = try first.json()
            #expect(body["accepted"] as? Int == 3)
            #expect(body["duplicates"] as? Int == 0)
            let rejected = try #require(body["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["line"] as? Int } == [2, 4, 5])
            #expect(rejected.map { $0["error"] as? String } == [
                "feature 'amount': expected number, got string", "id: required", "feature 'is_new': expected boolean, got number",
            ])
            let stored = try await store.predictions(model: "fraud", ids: ["p1", "p2", "p3", "p5"])
            #expect(Set(stored.map(\.event.id)) == ["p1", "p3", "p5"])

            let again = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.mixedBatch)
            let second = try again.json()
            #expect(second["accepted"] as? Int == 0)
            #expect(second["duplicates"] as? Int == 3)
            #expect((second["rejected"] as? [Any])?.count == 3)
        }
    }

    @Test func jsonArrayAndLabelsAreAccepted() async throws {
        try await ServerHarness.run { client, store in
            try await client.registerModel()
            let array = #"[{"id":"a1","features":{"amount":1},"prediction":0.3},{"id":"a2","features":{"amount":2},"prediction":0.6}]"#
            let predictions = try await client.send(
                .post, "/v1/models/fraud/predictions", contentType: "application/json; charset=utf-8", body: array)
            #expect(try predictions.json()["accepted"] as? Int == 2)
            let labels = try await client.send(
                .post, "/v1/models/fraud/labels", contentType: "application/x-ndjson", body: #"{"id":"a1","label":1}"# + "\n" + #"{"id":"a2","label":0}"#)
            #expect(labels.status == .ok)
            #expect(try labels.json()["accepted"] as? Int == 2)
            #expect(try await store.labels(model: "fraud", ids: ["a1", "a2"]).count == 2)
        }
    }

    @Test func rejectionPathsAnswerJSONErrors() async throws {
        try await ServerHarness.run(maxBodyBytes: 256) { client, _ in
            try await client.registerModel()
            let line = #"{"id":"x","features":{"amount":1},"prediction":0.5}"#

            let unsupported = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "text/plain", body: line)
            #expect(unsupported.status == .unsupportedMediaType)
            #expect(try unsupported.errorMessage()?.contains("unsupported content type 'text/plain'") == true)
            let missingType = try await client.send(.post, "/v1/models/fraud/predictions", body: line)
            #expect(missingType.status == .unsupportedMediaType)

            let unknown = try await client.send(.post, "/v1/models/nope/predictions", contentType: "application/x-ndjson", body: line)
            #expect(unknown.status == .notFound)
            #expect(try unknown.errorMessage() == "unknown model 'nope'")

            let large = String(repeating: line + "\n", count: 10)
            let tooLarge = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: large)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try tooLarge.errorMessage() == "request body is larger than the limit of 256 bytes")

            let framing = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/json", body: "[{")
            #expect(framing.status == .badRequest)
            #expect(try framing.errorMessage() != nil)

            let noRoute = try await client.send(.get, "/v1/nothing-here")
            #expect(noRoute.status == .notFound)
            #expect(try noRoute.errorMessage() == "no endpoint GET /v1/nothing-here")
        }
    }

    /// Over a real socket the limit holds for a declared length and for a chunked body alike.
    @Test func oversizedBodiesAreRefusedOverHTTP() async throws {
        try await ServerHarness.run(maxBodyBytes: 1024, mode: .live) { client, store in
            try await client.registerModel()
            let lines = (0..<100).map { #"{"id":"big-\#($0)","features":{"amount":1},"prediction":0.5}"# }.joined(separator: "\n")
            let response = try await client.send(.post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: lines)
            #expect(response.status == .contentTooLarge)
            #expect(try response.errorMessage() == "request body is larger than the limit of 1024 bytes")
            #expect(try await store.predictions(model: "fraud", ids: ["big-0"]).isEmpty)
        }
    }
}
