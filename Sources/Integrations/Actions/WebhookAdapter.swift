import Foundation
import Logging
import Monitoring

/// Calls any HTTP endpoint that starts a pipeline or rolls something back (GitLab, Argo
/// Workflows, Kubeflow Pipelines, an in-house service): the URL, headers and body are templates
/// over the alert and `$trigger`; secret headers come from their sources; with a signing secret
/// the body carries `X-Driftwatch-Signature` (``WebhookSignature``). Without a body template the
/// body is the run: action, run id, idempotency key (also sent as `Idempotency-Key`) and trigger.
struct WebhookAdapter: ActionAdapter {
    let settings: WebhookSettings

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let run = session.run
        let url = settings.url.render(for: run.trigger)
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ActionFailure("with.url: '\(url)' is not an http:// or https:// URL for this alert")
        }
        let body = settings.body.map { Array($0.render(for: run.trigger).utf8) } ?? JSONBodies.encode(DefaultBody(run))
        var headers = [("Content-Type", "application/json"), ("Idempotency-Key", IdempotencyToken.of(run))]
        headers = headers.filter { fixed in !settings.headers.contains { $0.name.lowercased() == fixed.0.lowercased() } }
        headers += settings.headers.map { ($0.name, $0.template.render(for: run.trigger)) }
        for header in settings.secretHeaders {
            headers.append((header.name, header.prefix + (try session.secrets.value(of: header.source, for: "with.secret_headers.\(header.name)"))))
        }
        if let source = settings.signingSecret {
            let secret = try session.secrets.value(of: source, for: "with.signing_secret")
            headers.append((WebhookSignature.header, WebhookSignature.value(body: body, secret: Array(secret.utf8))))
        }
        let target = ActionTarget(system: "webhook", resource: "\(settings.method) \(url)")
        guard let response = try await session.change("call webhook", HTTPExchange.Request(method: settings.method, url: url, headers: headers, body: body))
        else {
            return ActionResult(target: target, message: "dry run: would call \(settings.method) \(url)")
        }
        var answered = target
        answered.details["status"] = String(response.status)
        return ActionResult(target: answered, message: "\(settings.method) \(url) answered \(response.status)")
    }

    private struct DefaultBody: Encodable {
        let action: String
        let kind: String
        let runID: Int64
        let idempotencyKey: String
        let trigger: [String: String]
        let labels: [String: String]

        init(_ run: ActionRun) {
            action = run.action
            kind = run.kind.rawValue
            runID = run.id
            idempotencyKey = IdempotencyToken.of(run)
            trigger = run.trigger.templateVariables
            labels = run.trigger.labels
        }

        enum CodingKeys: String, CodingKey {
            case action, kind, trigger, labels
            case runID = "run_id"
            case idempotencyKey = "idempotency_key"
        }
    }
}
