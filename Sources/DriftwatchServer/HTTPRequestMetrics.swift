import Monitoring
import Synchronization

/// `driftwatch_http_request_duration_seconds{route,status}`: a latency histogram per route
/// template and status code since the process started.
///
/// The route is a ``RouteTable`` template or `unmatched`, never the raw path, so the number of
/// series stays bounded by routes × status codes whatever clients send.
final class HTTPRequestMetrics: Sendable {
    /// Prometheus' default buckets (5 ms to 10 s): probes and reads land in the first buckets,
    /// ingest of large batches (a 16 MiB body, an fsync per commit) in the upper ones, and
    /// dashboards built for other Prometheus-instrumented services read the same `le` values.
    static let defaultUpperBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable {
        var route: String
        var status: Int
    }

    /// Per-bucket (not cumulative) counts, the last for observations above every bound.
    private struct Series {
        var counts: [UInt64]
        var sum: Double = 0
    }

    let upperBounds: [Double]
    private let series = Mutex<[Key: Series]>([:])

    init(upperBounds: [Double] = defaultUpperBounds) {
        self.upperBounds = upperBounds
    }

    /// Records one request of `seconds` (negative values, from a clock step, count as 0).
    func observe(route: String, status: Int, seconds: Double) {
        let value = Swift.max(0, seconds)
        let bucket = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
        let width = upperBounds.count + 1
        series.withLock { table in
            table[Key(route: route, status: status), default: Series(counts: Array(repeating: 0, count: width))].counts[bucket] += 1
            table[Key(route: route, status: status)]?.sum += value
        }
    }

    /// Adds one histogram series per route and status seen, with cumulative buckets and `+Inf`.
    func add(to set: inout MetricSet) throws(ExpositionError) {
        let snapshot = series.withLock { $0 }
        let keys = snapshot.keys.sorted { ($0.route, $0.status) < ($1.route, $1.status) }
        for key in keys {
            guard let entry = snapshot[key] else { continue }
            var running: UInt64 = 0
            var buckets: [Histogram.Bucket] = []
            for (index, count) in entry.counts.enumerated() {
                running += count
                buckets.append(Histogram.Bucket(upperBound: index < upperBounds.count ? upperBounds[index] : .infinity, cumulativeCount: running))
            }
            try set.add(
                DriftwatchMetrics.httpRequestDuration, labels: ["route": key.route, "status": String(key.status)],
                histogram: Histogram(buckets: buckets, sum: entry.sum, count: running))
        }
    }
}
