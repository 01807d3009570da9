import DriftwatchTestSupport
import Foundation
import Logging
import Monitoring
import Storage
import Synchronization
import Testing

@testable import DriftwatchServer

#if canImport(Glibc)
import Glibc
#endif

/// The alert engine inside a real `driftwatch serve` process: rules from `--detectors` evaluated
/// over the server's own series (here the row count of a model's latest window, which the store
/// keeps across restarts) at start and when a window closes, listed on `/v1/alerts` and
/// `/metrics`, kept across a restart (`for` keeps its start, a firing alert does not fire
/// again), and reloaded by `POST /-/reload`.
@Suite(.timeLimit(.minutes(2))) struct AlertEngineTests {
    private static let rules = """
        model: any
        rules:
          - alert: Watched
            expr: driftwatch_window_rows{model="m"} >= 5
            for: 1h
            labels: {severity: info}
            annotations: {summary: "{{ $labels.model }}: {{ $value }} rows"}
          - alert: Fired
            expr: driftwatch_window_rows{model="m"} >= 5
            labels: {severity: page}
        """

    private struct Listing: Decodable {
        struct Entry: Decodable {
            let rule: String
            let state: String
            let labels: [String: String]
            let annotations: [String: String]
            let activeAt: Double
            let firedAt: Double?
        }

        let lastEvaluation: Double?
        let rules: [String]
        let alerts: [Entry]
    }

    /// Polls `/v1/alerts` until an evaluation after `after` lists both rules' alerts.
    private func alerts(_ server: ServeProcess, evaluatedAfter after: Double) async throws -> Listing {
        while true {
            try Task.checkCancellation()
            let response = try await server.request("GET", "/v1/alerts")
            let listing = try JSONDecoder().decode(Listing.self, from: Data(response.body.utf8))
            if let last = listing.lastEvaluation, last > after, Set(listing.alerts.map(\.rule)) == ["Watched", "Fired"] {
                return listing
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func rulesFireSurviveARestartAndReload() async throws {
        let scratch = try ScratchDirectory()
        let detectors = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: detectors, withIntermediateDirectories: true)
        try Data(Self.rules.utf8).write(to: detectors.appendingPathComponent("rules.yaml"))
        // No evaluation by the clock during the test: the rules run at start and when a window closes.
        let arguments = ["--detectors", detectors.path, "--rule-interval", "1h"]

        var server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        try await ClosedRowWindow.create(on: server)
        let first = try await alerts(server, evaluatedAfter: 0)
        let watched = try #require(first.alerts.first { $0.rule == "Watched" })
        let fired = try #require(first.alerts.first { $0.rule == "Fired" })
        #expect(watched.state == "pending" && watched.labels == ["alertname": "Watched", "model": "m", "severity": "info"])
        #expect(watched.annotations == ["summary": "m: 5 rows"])
        #expect(fired.state == "firing" && fired.firedAt != nil)
        let metrics = try await server.request("GET", "/metrics").body
        #expect(metrics.contains(#"driftwatch_alerts{alertname="Fired",alertstate="firing",model="m",severity="page"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"driftwatch_alerts{alertname="Watched",alertstate="pending",model="m",severity="info"} 1"#))
        #expect(server.stop() == 0)

        let restarted = Date().timeIntervalSince1970
        server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        let second = try await alerts(server, evaluatedAfter: restarted)
        #expect(second.alerts.first { $0.rule == "Watched" }?.activeAt == watched.activeAt, "for keeps counting from its start")
        #expect(second.alerts.first { $0.rule == "Fired" }?.firedAt == fired.firedAt, "a firing alert does not fire again")
        let history = try await server.request("GET", "/v1/alerts/history").body
        #expect(history.components(separatedBy: #""to":"firing""#).count == 2, "one transition to firing in all: \(history)")

        // An invalid set is refused whole and the running rules stay.
        try Data("model: any\nrules:\n  - alert: Broken\n    expr: rate(x[5m]) > 1\n".utf8).write(to: detectors.appendingPathComponent("rules.yaml"))
        let refused = try await server.request("POST", "/-/reload")
        #expect(refused.status == 400 && refused.body.contains("rules.yaml:4:11: rules[0].expr: function 'rate' is not supported"), "\(refused.body)")
        #expect(try await server.request("GET", "/v1/alerts").body.contains("Fired"))
        // A valid one replaces it: Fired is gone, Watched keeps its alert.
        try Data(Self.rules.components(separatedBy: "  - alert: Fired")[0].utf8).write(to: detectors.appendingPathComponent("rules.yaml"))
        let reloaded = try await server.request("POST", "/-/reload")
        #expect(reloaded.status == 200 && reloaded.body.contains(#""rules":1"#), "\(reloaded.body)")
        let listing = try JSONDecoder().decode(Listing.self, from: Data(try await server.request("GET", "/v1/alerts").body.utf8))
        #expect(listing.rules == ["Watched"])
        #expect(listing.alerts.map(\.rule) == ["Watched"] && listing.alerts.first?.activeAt == watched.activeAt)

        // SIGHUP reloads too (and does not end the process).
        try Data(Self.rules.replacingOccurrences(of: "alert: Watched", with: "alert: Renamed").utf8)
            .write(to: detectors.appendingPathComponent("rules.yaml"))
        kill(server.process.processIdentifier, SIGHUP)
        while true {
            try Task.checkCancellation()
            let rules = try JSONDecoder().decode(Listing.self, from: Data(try await server.request("GET", "/v1/alerts").body.utf8)).rules
            if rules == ["Renamed", "Fired"] { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(server.process.isRunning)
        #expect(server.stop() == 0)
    }
}

/// The runs an alert engine triggers, over a series the test sets: a firing runs every action
/// its rule names, a resolve only those with `on_resolved`, and an evaluation that changes
/// nothing runs none; each run carries the alert and the window's figures.
@Suite struct AlertEngineActionTests {
    private static let file = """
        model: m
        rules:
          - alert: Fired
            expr: driftwatch_window_rows{model="m"} >= 5
            actions: [retrain, rollback]
        actions:
          - name: retrain
            kind: retrain
            adapter: webhook
            with: {url: "http://127.0.0.1:9/retrain"}
          - name: rollback
            kind: rollback
            adapter: webhook
            on_resolved: true
            with: {url: "http://127.0.0.1:9/rollback"}
        """

    @Test func firingRunsEveryActionAndResolvingOnlyThoseOnResolved() async throws {
        let parsed = try DetectorFileParser.parse(yaml: Self.file, path: "detectors/rules.yaml")
        let scratch = try ScratchDirectory()
        let store = try SQLiteStore(path: scratch.url.appendingPathComponent("dw.sqlite").path)
        let rows = Mutex<Double>(5)
        let engine = AlertEngine(
            store: store, rules: parsed.rules, actions: parsed.actions, logger: Logger(label: "test")
        ) {
            var set = MetricSet()
            try set.add(DriftwatchMetrics.windowRows, labels: ["model": "m"], value: rows.withLock { $0 })
            return set
        }
        let woken = Mutex(0)
        await engine.whenActionsTriggered { woken.withLock { $0 += 1 } }

        try await engine.evaluate(at: 1000)
        try await engine.evaluate(at: 1060)
        rows.withLock { $0 = 2 }
        try await engine.evaluate(at: 1120)
        try await engine.evaluate(at: 1180)

        let runs = try await store.actionRuns(statuses: nil, beforeID: nil, limit: 10).reversed()
        #expect(runs.map { "\($0.action) \($0.trigger.event.rawValue) \($0.createdAt)" } == [
            "retrain firing 1000.0", "rollback firing 1000.0", "rollback resolved 1120.0",
        ])
        #expect(runs.allSatisfy { $0.status == .triggered && $0.trigger.firedAt == 1000 && $0.model == "m" })
        #expect(runs.map(\.trigger.windowRows) == [5, 5, 2])
        #expect(Set(runs.map(\.idempotencyKey)).count == 3)
        #expect(woken.withLock { $0 } == 2, "the action service is woken once per evaluation that triggered runs")
        try await store.close()
    }
}
