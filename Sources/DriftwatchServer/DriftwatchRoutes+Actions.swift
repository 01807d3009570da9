import Foundation
import Hummingbird
import Monitoring
import Storage

extension DriftwatchRoutes {
    /// `GET /v1/actions[?status=a,b&before=ID&limit=N]`: action runs with their audit trail,
    /// newest first (100 by default).
    func listActions(_ request: Request) async throws -> Response {
        var statuses: Set<ActionStatus>?
        if let text = request.uri.queryParameters["status"].map(String.init) {
            var chosen: Set<ActionStatus> = []
            for name in text.split(separator: ",") {
                guard let status = ActionStatus(rawValue: String(name)) else {
                    let known = ActionStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badRequest("query parameter 'status': unknown status '\(name)' (known: \(known))")
                }
                chosen.insert(status)
            }
            statuses = chosen
        }
        let before = try request.uri.queryParameters["before"].map { text throws -> Int64 in
            guard let id = Int64(text), id > 0 else { throw APIError.badRequest("query parameter 'before': expected a run id") }
            return id
        }
        let limitText = request.uri.queryParameters["limit"].map(String.init)
        guard let limit = limitText.map({ Int($0) }) ?? 100, (1...1000).contains(limit) else {
            throw APIError.badRequest("query parameter 'limit': expected a whole number from 1 to 1000")
        }
        let runs = try await store.actionRuns(statuses: statuses, beforeID: before, limit: limit)
        return JSONBody.response(ActionListResponse(actions: runs.map(ActionRunResponse.init)))
    }

    /// `GET /v1/actions/{id}`: one run and its audit trail.
    func showAction(_ context: some RequestContext) async throws -> Response {
        let id = try Self.actionID(context)
        guard let run = try await store.actionRun(id: id) else { throw APIError.notFound("action run \(id) does not exist") }
        return JSONBody.response(ActionRunResponse(run))
    }

    /// `POST /v1/actions/{id}/approve` and `/reject`, with an optional JSON body
    /// `{"by": "who", "comment": "why"}`. The decision names the bearer token when the server
    /// has tokens. 409 when the run is not waiting for approval.
    func decideAction(_ request: Request, _ context: some RequestContext, approved: Bool) async throws -> Response {
        let id = try Self.actionID(context)
        let bytes = try await request.body.collect(upTo: 64 * 1024)
        var body = DecisionBody()
        if bytes.readableBytes > 0 {
            do {
                body = try JSONDecoder().decode(DecisionBody.self, from: Data(bytes.readableBytesView))
            } catch {
                throw APIError.badRequest("body: expected {\"by\": \"…\", \"comment\": \"…\"} (\(error.localizedDescription))")
            }
        }
        let by: String
        switch (AuthenticatedCaller.tokenName, body.by) {
        case let (token?, person?): by = "\(person) (token \(token))"
        case let (token?, nil): by = "token \(token)"
        case let (nil, person?): by = person
        case (nil, nil): by = "an API call without a token"
        }
        do {
            let run = try await actions.decide(id: id, approved: approved, by: by, comment: body.comment)
            return JSONBody.response(ActionRunResponse(run))
        } catch let error as ActionService.DecisionError {
            switch error {
            case .notFound(let id): throw APIError.notFound("action run \(id) does not exist")
            case let .notPending(id, status):
                throw APIError(status: .conflict, message: "action run \(id) is \(status.rawValue), not waiting for approval")
            }
        }
    }

    private static func actionID(_ context: some RequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw APIError.badRequest("path: the action run id must be a positive whole number")
        }
        return id
    }

    private struct DecisionBody: Decodable {
        var by: String?
        var comment: String?
    }
}

struct ActionListResponse: Encodable {
    var actions: [ActionRunResponse]
}

/// A run as the API shows it: times in RFC 3339, the trigger's figures, the target and every
/// attempt's redacted summary.
struct ActionRunResponse: Encodable {
    struct Attempt: Encodable {
        var step: String
        var startedAt: String
        var seconds: Double
        var outcome: String
        var status: Int?
        var request: String
        var response: String
    }

    var id: Int64
    var action: String
    var kind: String
    var adapter: String
    var model: String
    var status: String
    var dryRun: Bool
    var createdAt: String
    var updatedAt: String
    var approvalExpiresAt: String?
    var decision: ActionDecisionResponse?
    var startedAt: String?
    var finishedAt: String?
    var message: String?
    var trigger: [String: String]
    var labels: [String: String]
    var driftShares: [String: Double]
    var target: ActionTarget?
    var attempts: [Attempt]

    init(_ run: ActionRun) {
        let time = RFC3339Text.of
        id = run.id
        action = run.action
        kind = run.kind.rawValue
        adapter = run.adapter.rawValue
        model = run.model
        status = run.status.rawValue
        dryRun = run.dryRun
        createdAt = time(run.createdAt)
        updatedAt = time(run.updatedAt)
        approvalExpiresAt = run.approvalExpiresAt.map(time)
        decision = run.decision.map { ActionDecisionResponse(approved: $0.approved, by: $0.by, at: time($0.at), comment: $0.comment) }
        startedAt = run.startedAt.map(time)
        finishedAt = run.finishedAt.map(time)
        message = run.message
        trigger = run.trigger.templateVariables
        labels = run.trigger.labels
        driftShares = run.trigger.driftShares.filter { $0.value.isFinite }
        target = run.target
        attempts = run.attempts.map {
            Attempt(
                step: $0.step, startedAt: time($0.startedAt), seconds: $0.seconds, outcome: $0.outcome.rawValue, status: $0.status,
                request: $0.request, response: $0.response)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, action, kind, adapter, model, status, decision, message, trigger, labels, target, attempts
        case dryRun = "dry_run"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case approvalExpiresAt = "approval_expires_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case driftShares = "drift_shares"
    }
}

struct ActionDecisionResponse: Encodable {
    var approved: Bool
    var by: String
    var at: String
    var comment: String?
}
