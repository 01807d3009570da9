@testable import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Monitoring
import Testing

@Suite struct RouteTableTests {
    let table = RouteTable.driftwatch

    @Test func matchesTemplatesAndBindsParameters() {
        guard case let .matched(entry, parameters) = table.match(method: .put, path: "/v1/models/fraud/baselines/june") else {
            Issue.record("no match")
            return
        }
        #expect(entry.template == "/v1/models/{model}/baselines/{name}")
        #expect(entry.requirement == .scope(.admin))
        #expect(parameters == ["model": "fraud", "name": "june"])
    }

    @Test func scopesFollowTheIssue() {
        func requirement(_ method: HTTPRequest.Method, _ path: String) -> AccessRequirement? {
            if case let .matched(entry, _) = table.match(method: method, path: path) { return entry.requirement }
            return nil
        }
        #expect(requirement(.get, "/healthz") == .open)
        #expect(requirement(.get, "/readyz") == .open)
        #expect(requirement(.get, "/metrics") == .scope(.read))
        #expect(requirement(.get, "/v1/models/m/drift") == .scope(.read))
        #expect(requirement(.post, "/v1/models/m/predictions") == .scope(.ingest))
        #expect(requirement(.post, "/v1/models/m/labels") == .scope(.ingest))
        #expect(requirement(.post, "/v1/metrics") == .scope(.ingest))
        #expect(requirement(.put, "/v1/models/m") == .scope(.admin))
        #expect(requirement(.post, "/v1/models/m/baselines/b/from-window") == .scope(.admin))
        #expect(requirement(.post, "/-/reload") == .scope(.admin))
    }

    @Test func ingestRoutesAreMarked() {
        let ingest = table.entries.filter(\.isIngest).map(\.template)
        #expect(ingest == ["/v1/models/{model}/predictions", "/v1/models/{model}/labels", "/v1/metrics"])
    }

    @Test func wrongMethodAndUnknownPath() {
        #expect(table.match(method: .post, path: "/healthz") == .methodNotAllowed(template: "/healthz", allowed: [.get], open: true))
        let delete = table.match(method: .delete, path: "/v1/models/m")
        #expect(delete == .methodNotAllowed(template: "/v1/models/{model}", allowed: [.get, .put], open: false))
        #expect(delete.routeLabel == "/v1/models/{model}")
        #expect(table.match(method: .get, path: "/v1/models/m/other") == .unmatched)
        #expect(table.match(method: .get, path: "/v1/models/m/other").routeLabel == "unmatched")
    }

    /// A route registered without an entry here would be reachable by any valid token; this
    /// keeps the table and ``DriftwatchRoutes`` in step as routes are added.
    @Test func everyRegisteredRouteHasAnAccessRule() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-routes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ServerConfiguration(dataPath: directory.appendingPathComponent("dw.sqlite").path).openStore()
        let counters = IngestCounters()
        let router = Router()
        let performance = PerformanceTracker(store: store, labelTTL: 86_400, logger: Logger(label: "test"))
        let engine = AlertEngine(store: store, rules: [], logger: Logger(label: "test")) { MetricSet() }
        let actions = ActionService(store: store, actions: [], logger: Logger(label: "test"))
        let pipelines = ModelPipelines(
            store: store, counters: counters, allowedLateness: 0, performance: performance, logger: Logger(label: "test"))
        let anomalies = MetricAnomalyService(
            store: store, specs: [], windowsClosed: AlertTrigger(), anomalyFound: {}, now: { 0 }, logger: Logger(label: "test"))
        DriftwatchRoutes(
            store: store, models: ModelCatalog(store: store), maxBodyBytes: 1024, counters: counters, requestMetrics: HTTPRequestMetrics(),
            pipelines: pipelines, performance: performance, anomalies: anomalies,
            alerts: engine, actions: actions,
            reloader: DetectorReloader(
                detectorsPath: nil, engine: engine, actions: actions, pipelines: pipelines, anomalies: anomalies, trigger: AlertTrigger(),
                logger: Logger(label: "test"))
        )
        .register(on: router)
        let registered = router.routes.map { "\($0.method) \($0.path)" }
        #expect(registered.count >= 10)
        let declared = Set(table.entries.map { "\($0.method) \($0.template)" })
        for route in registered {
            #expect(declared.contains(route), "\(route) has no entry in RouteTable.driftwatch")
        }
        try await store.close()
    }
}
