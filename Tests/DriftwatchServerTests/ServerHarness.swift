import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

/// An application over a real SQLite file in a fresh temporary directory, driven in-process.
struct ServerHarness {
    static let schemaJSON = #"""
        {"features":[{"name":"amount","type":"numeric"},{"name":"country","type":"categorical"},{"name":"is_new","type":"boolean"}],
         "prediction":{"type":"score"},"label":{"type":"binary"},"window":"1h"}
        """#

    /// Runs `test` against a fresh application and store; the store is closed and the
    /// directory removed afterwards.
    static func run(
        maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes, mode: TestingSetup = .router,
        _ test: @Sendable (any TestClientProtocol, any Store) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("data/dw.sqlite").path,
            maxBodyBytes: maxBodyBytes)
        let store = try configuration.openStore()
        do {
            try await buildApplication(configuration, store: store).test(mode) { client in try await test(client, store) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

extension TestClientProtocol {
    /// Sends a request with a text body and returns the response.
    func send(_ method: HTTPRequest.Method, _ uri: String, contentType: String? = nil, accept: String? = nil, body: String? = nil)
        async throws -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        if let accept { headers[.accept] = accept }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Returns once the model's acknowledged batches are profiled: a read of the model waits for
    /// that, so a test may then look at the window state in the store directly.
    func settle(_ model: String = "fraud") async throws {
        let response = try await send(.get, "/v1/models/\(model)")
        #expect(response.status == .ok, "\(String(buffer: response.body))")
    }

    func registerModel(_ name: String = "fraud") async throws {
        let response = try await send(.put, "/v1/models/\(name)", contentType: "application/json", body: ServerHarness.schemaJSON)
        #expect(response.status == .created, "\(String(buffer: response.body))")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let dictionary = object as? [String: Any] else {
            Issue.record("body is not a JSON object: \(text)")
            return [:]
        }
        return dictionary
    }

    /// The `error` member of a JSON error body.
    func errorMessage() throws -> String? { try json()["error"] as? String }
}
