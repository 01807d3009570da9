import DriftwatchServer
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct AccessControlTests {
    static let tokens = [
        AccessToken(name: "endpoint", token: "ingest-token", scopes: [.ingest]),
        AccessToken(name: "grafana", token: "read-token", scopes: [.read]),
        AccessToken(name: "operator", token: "admin-token", scopes: [.admin]),
    ]

    private static func run(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await ConfiguredServer.run(configure: { $0.accessTokens = tokens }) { client, _ in try await test(client) }
    }

    @Test func missingHeaderIs401WithChallenge() async throws {
        try await Self.run { client async throws in
            let response = try await client.send(.get, "/v1/models", token: nil)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(try response.errorMessage() == "missing Authorization header: this endpoint needs a bearer token with the 'read' scope")
        }
    }

    @Test func unknownTokenIs401AndNotEchoed() async throws {
        try await Self.run { client async throws in
            let response = try await client.send(.get, "/metrics", token: "guessed-token")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(!response.text.contains("guessed-token"))
            #expect(try response.errorMessage() == "unknown bearer token: this endpoint needs a bearer token with the 'read' scope")
            var headers = HTTPFields()
            headers[.authorization] = "Basic cmVhZC10b2tlbg=="
            let basic = try await client.execute(uri: "/metrics", method: .get, headers: headers, body: nil)
            #expect(basic.status == .unauthorized)
        }
    }

    @Test func missingScopeIs403NamingTheScope() async throws {
        try await Self.run { client async throws in
            let put = try await client.send(.put, "/v1/models/fraud", token: "read-token", contentType: "application/json", body: ServerHarness.schemaJSON)
            #expect(put.status == .forbidden)
            #expect(try put.errorMessage() == "token 'grafana' lacks the 'admin' scope this endpoint needs")
            let post = try await client.send(.post, "/v1/models/fraud/predictions", token: "read-token", contentType: "application/x-ndjson", body: "")
            #expect(post.status == .forbidden)
            #expect(try post.errorMessage() == "token 'grafana' lacks the 'ingest' scope this endpoint needs")
            let read = try await client.send(.get, "/v1/models", token: "ingest-token")
            #expect(read.status == .forbidden)
            #expect(!read.text.contains("ingest-token"))
        }
    }

    @Test func rightScopeAndAdminReachTheHandlers() async throws {
        try await Self.run { client async throws in
            let created = try await client.send(.put, "/v1/models/fraud", token: "admin-token", contentType: "application/json", body: ServerHarness.schemaJSON)
            #expect(created.status == .created)
            let ingested = try await client.send(
                .post, "/v1/models/fraud/predictions", token: "ingest-token", contentType: "application/x-ndjson",
                body: #"{"id":"a1","features":{"amount":1},"prediction":0.5}"#)
            #expect(ingested.status == .ok)
            #expect(ingested.text == #"{"accepted":1,"duplicates":0,"rejected":[]}"#)
            #expect(try await client.send(.get, "/v1/models/fraud", token: "read-token").status == .ok)
            // admin implies read and ingest
            #expect(try await client.send(.get, "/metrics", token: "admin-token").status == .ok)
            let adminIngest = try await client.send(
                .post, "/v1/models/fraud/labels", token: "admin-token", contentType: "application/x-ndjson", body: #"{"id":"a1","label":1}"#)
            #expect(adminIngest.status == .ok)
        }
    }

    @Test func probesStayOpen() async throws {
        try await Self.run { client async throws in
            #expect(try await client.send(.get, "/healthz", token: nil).status == .ok)
            #expect(try await client.send(.get, "/readyz", token: nil).status == .ok)
            #expect(try await client.send(.post, "/healthz", token: nil).status == .methodNotAllowed)
        }
    }

    @Test func unknownPathsAndWrongMethodsNeedATokenFirst() async throws {
        try await Self.run { client async throws in
            #expect(try await client.send(.get, "/v1/nothing-here", token: nil).status == .unauthorized)
            #expect(try await client.send(.get, "/v1/nothing-here", token: "ingest-token").status == .notFound)
            #expect(try await client.send(.delete, "/v1/models/fraud", token: nil).status == .unauthorized)
            #expect(try await client.send(.delete, "/v1/models/fraud", token: "read-token").status == .methodNotAllowed)
        }
    }

    @Test func withoutTokensEverythingIsOpen() async throws {
        try await ConfiguredServer.run { client, _ async throws in
            #expect(try await client.send(.get, "/v1/models", token: nil).status == .ok)
            #expect(try await client.send(.get, "/v1/models", token: "anything").status == .ok)
        }
    }
}

@Suite struct MethodNotAllowedTests {
    @Test func knownPathWithWrongMethodIs405WithAllow() async throws {
        try await ConfiguredServer.run { client, _ async throws in
            let response = try await client.send(.delete, "/v1/models/fraud", token: nil)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, PUT")
            #expect(response.headers[.contentType] == "application/json")
            #expect(try response.errorMessage() == "method DELETE not allowed on /v1/models/fraud; allowed: GET, PUT")
            let ingest = try await client.send(.get, "/v1/models/fraud/predictions", token: nil)
            #expect(ingest.status == .methodNotAllowed)
            #expect(ingest.headers[.allow] == "POST")
        }
    }

    @Test func unknownPathStays404JSON() async throws {
        try await ConfiguredServer.run { client, _ async throws in
            let response = try await client.send(.get, "/v1/models/fraud/nothing", token: nil)
            #expect(response.status == .notFound)
            #expect(try response.errorMessage() == "no endpoint GET /v1/models/fraud/nothing")
        }
    }
}
