import AnomalyDetection
import ArgumentParser
import DriftwatchServer
import Foundation
import Monitoring

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `driftwatch demo`: runs the server in-process (as `serve` does) on a fresh SQLite file,
/// registers the bundled `fraud-detector` model, uploads its baseline, replays a synthetic stream
/// whose later hours drift in three named features over real HTTP on loopback, prints what changed,
/// then keeps serving until SIGINT or SIGTERM.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run driftwatch on a bundled example model and a synthetic stream that drifts.",
        discussion: """
            Starts the server on --listen with a fresh SQLite file (--data; an old one is deleted), \
            registers the model 'fraud-detector' (12 features: amount, age, account_age_days, \
            num_transactions_24h, avg_basket, distance_km, country, device, channel, \
            merchant_category, is_new_customer, has_2fa; a score prediction; binary labels; 1h \
            windows), uploads a 5 000-event baseline and replays 24 hours of events \
            (1 000 per hour, from 2026-01-01T00:00Z) in batches of 1 000, each followed by its labels.

            From hour 12 on, three features drift: \
            \(DemoStream.shiftedFeatures.map { "\($0.name) (\($0.change))" }.joined(separator: "; ")). \
            The windows closed before hour 12 show no drift.

            Beside the events it pushes the endpoint's latency to /v1/metrics, one sample a minute, \
            slower from hour 12 on, watched by a metric-anomaly detector (a robust z-score).

            Afterwards it prints the URLs of /metrics and the model's /drift and /windows, what \
            changed in the last closed window, the drift of every hourly window and the hours \
            whose latency was anomalous, then serves until Ctrl-C.
            """
    )

    @Option(help: ArgumentHelp("Address to bind, host:port; loopback only.", valueName: "host:port"))
    var listen: String = "127.0.0.1:8742"

    @Option(help: ArgumentHelp("SQLite file, recreated on each run.", valueName: "path"))
    var data: String = "./var/demo.sqlite"

    @Flag(help: "Exit after printing the results instead of serving until Ctrl-C.")
    var noWait = false

    @Option(help: .hidden) var hours: Int = 24
    @Option(help: .hidden) var eventsPerHour: Int = 1000
    @Option(help: .hidden) var referenceEvents: Int = 5000
    @Option(help: .hidden) var batchSize: Int = 1000

    func run() async throws {
        guard hours >= 2, eventsPerHour >= 1, referenceEvents >= 1, batchSize >= 1 else {
            throw InputError("--hours must be at least 2; --events-per-hour, --reference-events and --batch-size at least 1")
        }
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listen)
        } catch {
            throw InputError(error.description)
        }
        guard address.isLoopback else {
            throw InputError("refusing to listen on \(address): the demo serves without tokens, so it binds to loopback only")
        }
        removePreviousData()
        var settings = ServerConfiguration(listen: address, dataPath: data)
        settings.detectors = try Self.detectors()
        let configuration = settings
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let stream = DemoStream(hours: hours, eventsPerHour: eventsPerHour, shiftHour: hours / 2)
        let batchSize = batchSize
        let referenceEvents = referenceEvents
        let noWait = noWait
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await runServer(configuration) { port in portContinuation.yield(port ?? address.port) }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                // The server stopped before listening, e.g. its port is taken: a usage error (exit 2).
                do {
                    try await group.next()
                } catch {
                    throw InputError("could not start the server on \(address): \(error)")
                }
                return
            }
            let bound = ListenAddress(host: address.host, port: port)
            standardError("driftwatch: listening on http://\(bound), data in \(configuration.dataPath)\n")
            let scenario = DemoScenario(client: DemoHTTPClient(base: "http://\(bound)"), stream: stream, batchSize: batchSize)
            do {
                try await scenario.run(referenceEvents: referenceEvents)
                // Standard output may be a file or pipe (block-buffered) while the server keeps running.
                fflush(nil)
            } catch {
                group.cancelAll()
                throw error
            }
            if noWait {
                // The same graceful shutdown as Ctrl-C: stop accepting, finish, close the store.
                kill(getpid(), SIGTERM)
            } else {
                standardError("driftwatch: serving until Ctrl-C\n")
            }
            try await group.waitForAll()
        }
        standardError("driftwatch: stopped\n")
    }

    /// The demo's detector set: no model file (the model keeps the built-in detectors) and one
    /// metric-anomaly detector on the endpoint's latency. Its window is two hours of samples; its
    /// verdict is held for 59 minutes, so after each hour's push it says whether that hour had an
    /// anomalous sample.
    static func detectors() throws -> DetectorSet {
        let text = #"\#(DemoStream.latencyMetric){endpoint="\#(DemoStream.model)"}"#
        guard case .selector(let selector) = try RuleExpressionParser.parse(text) else {
            throw InputError("the demo's latency selector \(text) is not a selector")
        }
        let latency = MetricAnomalySpec(
            name: Self.latencyDetector, selector: selector, selectorText: text,
            detector: try AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 120, "minimum_points": 30]), hold: 59 * 60)
        return DetectorSet(files: [DetectorFile(path: "(driftwatch demo)", models: ModelSelector(patterns: []), metricAnomalies: [latency])])
    }

    /// The name of the demo's latency detector, the `detector` label of its scores.
    static let latencyDetector = "endpoint-latency"

    private func removePreviousData() {
        let manager = FileManager.default
        guard manager.fileExists(atPath: data) else { return }
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: data + suffix) }
        standardError("driftwatch: removed the previous demo data \(data)\n")
    }
}
