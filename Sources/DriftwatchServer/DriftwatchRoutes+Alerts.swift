import Foundation
import Hummingbird
import Monitoring
import Storage

extension DriftwatchRoutes {
    /// `GET /v1/alerts`: the pending and firing alerts of every rule, the rules running, and when
    /// they were last evaluated.
    func listAlerts() async throws -> Response {
        let listed = await alerts.activeAlerts()
        return JSONBody.response(
            AlertListResponse(
                lastEvaluation: await alerts.lastEvaluation, rules: await alerts.ruleNames,
                alerts: listed.map(AlertListResponse.Entry.init)))
    }

    /// `GET /v1/alerts/history[?from=&to=&limit=]`: state transitions, newest first (the last
    /// day and 1000 transitions by default).
    func alertHistory(_ request: Request) async throws -> Response {
        let now = Date().timeIntervalSince1970
        let to = try Self.time(request, "to") ?? now + 1
        let from = try Self.time(request, "from") ?? to - 86_400
        let limitText = request.uri.queryParameters["limit"].map(String.init)
        guard let limit = limitText.map({ Int($0) }) ?? 1000, (1...100_000).contains(limit) else {
            throw APIError.badRequest("query parameter 'limit': expected a whole number from 1 to 100000")
        }
        let transitions = try await store.alertTransitions(from: from, to: to, limit: limit)
        return JSONBody.response(["transitions": transitions.map(AlertHistoryEntry.init)])
    }

    /// `POST /-/reload`: reads the detector files again. An invalid set is refused with every
    /// problem (400) and the running set stays; rules kept by name keep their alerts.
    func reload() async throws -> Response {
        switch await reloader.reload() {
        case .notConfigured:
            throw APIError.badRequest("no detectors directory is configured (start with --detectors DIR)")
        case .loaded(let set):
            return JSONBody.response(ReloadResponse(files: set.files.count, rules: set.rules.count, problems: []))
        case .refused(let problems):
            return JSONBody.response(ReloadResponse(files: 0, rules: 0, problems: problems.map(\.description)), status: .badRequest)
        }
    }
}

struct AlertListResponse: Encodable {
    struct Entry: Encodable {
        var rule: String
        var state: String
        var labels: SeriesLabels
        var annotations: [String: String]
        var value: Double?
        var activeAt: Double
        var firedAt: Double?

        init(_ listed: AlertEngine.ListedAlert) {
            rule = listed.rule
            state = listed.alert.state.rawValue
            labels = listed.alert.labels
            annotations = listed.alert.annotations
            value = listed.alert.value.isFinite ? listed.alert.value : nil
            activeAt = listed.alert.activeAt
            firedAt = listed.alert.firedAt
        }
    }

    var lastEvaluation: Double?
    /// The names of the rules running, in file order.
    var rules: [String]
    var alerts: [Entry]
}

struct AlertHistoryEntry: Encodable {
    var rule: String
    var labels: SeriesLabels
    var from: String?
    var to: String
    var at: Double
    var value: Double?

    init(_ transition: AlertTransition) {
        rule = transition.alertName
        labels = transition.labels
        from = transition.from?.rawValue
        to = transition.to.rawValue
        at = transition.at
        value = transition.value.isFinite ? transition.value : nil
    }
}

struct ReloadResponse: Encodable {
    var files: Int
    var rules: Int
    var problems: [String]
}
