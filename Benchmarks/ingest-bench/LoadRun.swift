import Foundation

/// What one load phase measured.
struct LoadResult {
    var requests = 0
    var events = 0
    var seconds = 0.0
    /// Request latencies in seconds, sorted.
    var latencies: [Double] = []
    var serverCPU = 0.0
    var clientCPU = 0.0
    var failures = 0

    var eventsPerSecond: Double { Double(events) / seconds }
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        // Nearest-rank percentile.
        let rank = Int((p / 100 * Double(latencies.count)).rounded(.up))
        return latencies[max(0, min(latencies.count - 1, rank - 1))]
    }
}

/// Collects the connections' results under a lock.
final class LoadTally: @unchecked Sendable {
    private let lock = NSLock()
    private var result = LoadResult()
    private var errors: [String] = []

    func add(requests: Int, events: Int, latencies: [Double], failures: Int, error: String?) {
        lock.lock()
        defer { lock.unlock() }
        result.requests += requests
        result.events += events
        result.latencies += latencies
        result.failures += failures
        if let error { errors.append(error) }
    }

    func finish() -> (LoadResult, [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (result, errors)
    }
}

/// Sends NDJSON batches of `batchSize` events on `connections` keep-alive connections for
/// `seconds` (or until `eventsPerConnection` events each, when given), each connection rotating
/// over `models`. Ids are `<runTag>c<connection>-<sequence>`, unique per run tag. With
/// `metricSeries`, the batches are instead metric samples (``MetricSampleBodies``) posted to
/// `/v1/metrics`, and the events counted are samples.
struct LoadRun {
    let port: Int
    let bodies: BodyFactory
    let models: [String]
    let batchSize: Int
    let connections: Int
    let seconds: Double
    var eventsPerConnection: Int?
    let runTag: String
    /// Event time of sequence 0 (whole seconds since the epoch) and the spacing of events.
    let start: Int
    let millisecondsPerEvent: Int
    /// Series per connection when the load is metric samples rather than predictions.
    var metricSeries: Int? = nil

    func run(server: ServerProcess) throws -> LoadResult {
        let tally = LoadTally()
        let cpuBefore = (server.cpuSeconds(), ownCPUSeconds())
        let began = DispatchTime.now().uptimeNanoseconds
        let deadline = began + UInt64(seconds * 1e9)
        let work = self
        // One thread per connection: `concurrentPerform` would run at most one iteration per core,
        // so a third connection would only start when one of the first two ended.
        let finished = DispatchGroup()
        for connection in 0..<connections {
            finished.enter()
            let thread = Thread {
                work.drive(connection: connection, deadline: deadline, tally: tally)
                finished.leave()
            }
            thread.start()
        }
        finished.wait()
        // The server answers once a batch is committed and profiles it after; reading each model
        // waits for that profiling, so the time covers every event stored and profiled.
        let reader = try HTTPConnection(port: port)
        // Metric samples are scored before their answer: nothing is left to wait for.
        for model in metricSeries == nil ? Set(models) : [] {
            let described = try reader.send("GET", "/v1/models/\(model)")
            guard described.status == 200 else { throw BenchmarkError.http("GET /v1/models/\(model): status \(described.status)") }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        var (result, errors) = tally.finish()
        if let first = errors.first { throw BenchmarkError.http("\(errors.count) connection(s) failed, first: \(first)") }
        result.seconds = elapsed
        result.serverCPU = server.cpuSeconds() - cpuBefore.0
        result.clientCPU = ownCPUSeconds() - cpuBefore.1
        result.latencies.sort()
        return result
    }

    private func drive(connection: Int, deadline: UInt64, tally: LoadTally) {
        var latencies: [Double] = []
        var requests = 0
        var events = 0
        var failures = 0
        var body: [UInt8] = []
        body.reserveCapacity(batchSize * 700)
        let prefix = Array("\(runTag)c\(connection)-".utf8)
        var sequence = 0
        var modelIndex = models.isEmpty ? 0 : connection % models.count
        do {
            let http = try HTTPConnection(port: port)
            while DispatchTime.now().uptimeNanoseconds < deadline {
                if let limit = eventsPerConnection, sequence >= limit { break }
                let count = min(batchSize, (eventsPerConnection ?? Int.max) - sequence)
                let path: String
                if let metricSeries {
                    MetricSampleBodies.body(into: &body, connection: connection, first: sequence, count: count, series: metricSeries, start: start)
                    path = "/v1/metrics"
                } else {
                    // Event times interleave across connections so that the stream is roughly ordered.
                    bodies.body(
                        into: &body, prefix: prefix, first: sequence, count: count,
                        start: start + connection, millisecondsPerEvent: millisecondsPerEvent)
                    path = "/v1/models/\(models[modelIndex])/predictions"
                }
                let sent = DispatchTime.now().uptimeNanoseconds
                let response = try http.send("POST", path, contentType: "application/x-ndjson", body: body)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e9)
                requests += 1
                if response.status == 200 {
                    events += acceptedCount(response.body)
                } else {
                    failures += 1
                }
                sequence += count
                if !models.isEmpty { modelIndex = (modelIndex + connections) % models.count }
            }
            tally.add(requests: requests, events: events, latencies: latencies, failures: failures, error: nil)
        } catch {
            tally.add(requests: requests, events: events, latencies: latencies, failures: failures, error: "\(error)")
        }
    }
}
