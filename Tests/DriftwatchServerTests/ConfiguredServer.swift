@testable import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage

/// Like ``ServerHarness`` with a configuration the test adjusts (tokens, ingest bound) and a
/// hook run when the ingest limiter admits a batch.
enum ConfiguredServer {
    static func run(
        configure: (inout ServerConfiguration) -> Void = { _ in }, ingestAdmitted: (@Sendable () async -> Void)? = nil,
        _ test: @Sendable (any TestClientProtocol, any Store) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("dw.sqlite").path)
        configure(&configuration)
        let store = try configuration.openStore()
        do {
            let application = buildApplication(
                configuration, store: store, logger: Logger(label: "driftwatch-test"), ingestAdmitted: ingestAdmitted)
            try await application.test(.router) { client in try await test(client, store) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, contentType: String? = nil, body: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}
