import Foundation
import Monitoring

/// Calls the SageMaker API for an action: AWS JSON 1.1 (`POST /` with
/// `X-Amz-Target: SageMaker.<Operation>`), signed with SigV4 for the `sagemaker` service at each
/// attempt. Errors come back as JSON (`__type`, `Message`) from the API and as XML from some
/// front ends (moto's signature check); the session keeps either in the audit log.
struct SageMakerClient: Sendable {
    let connection: SageMakerConnection
    let session: ActionSession
    private let signer: SigV4Signer
    private let host: String

    init(connection: SageMakerConnection, session: ActionSession) throws(ActionFailure) {
        self.connection = connection
        self.session = session
        let token: String?
        if let source = connection.sessionToken {
            token = try session.secrets.value(of: source, for: "with.session_token")
        } else {
            token = try session.secrets.optionalValue(of: .environment("AWS_SESSION_TOKEN"), for: "AWS_SESSION_TOKEN")
        }
        let credentials = SigV4Signer.Credentials(
            accessKeyID: try session.secrets.value(of: connection.accessKeyID, for: "with.access_key_id"),
            secretAccessKey: try session.secrets.value(of: connection.secretAccessKey, for: "with.secret_access_key"),
            sessionToken: token)
        signer = SigV4Signer(credentials: credentials, region: connection.region, service: "sagemaker")
        guard let components = URLComponents(string: connection.endpoint), let name = components.host else {
            throw ActionFailure("with.endpoint: '\(connection.endpoint)' has no host")
        }
        host = components.port.map { "\(name):\($0)" } ?? name
    }

    /// Sends `operation` with `body`; `changes` marks an operation a dry run must not send.
    func call(_ operation: String, _ body: some Encodable, changes: Bool) async throws(ActionFailure) -> HTTPExchange.Response? {
        let request = HTTPExchange.Request(
            method: "POST", url: connection.endpoint + "/",
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("Host", host), ("X-Amz-Target", "SageMaker.\(operation)")],
            body: JSONBodies.encode(body))
        let signer = signer
        let signing: ActionSession.Signing = { request in
            var signed = request
            signed.headers = signer.sign(method: "POST", path: "/", headers: request.headers, body: request.body, date: Date()).headers
            return signed
        }
        return changes
            ? try await session.change(operation, request, signing: signing) : try await session.read(operation, request, signing: signing)
    }
}
