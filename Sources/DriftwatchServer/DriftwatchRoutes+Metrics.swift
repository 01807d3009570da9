import Foundation
import Hummingbird
import Monitoring
import Storage

extension DriftwatchRoutes {
    /// `POST /v1/metrics`: operational samples as NDJSON, a JSON array, or a Prometheus
    /// text-format push (`text/plain`, optionally `; version=0.0.4`). Bad lines are listed and the
    /// valid ones stored; a re-pushed (series, timestamp) replaces the stored sample. The stored
    /// samples are scored by the metric-anomaly detectors before the answer, so a `/metrics`
    /// read after it sees their scores.
    func ingestMetrics(_ request: Request) async throws -> Response {
        let format = try MetricsBodyFormat.of(request)
        let body = try await collect(request)
        let decoded: BatchDecodeResult<MetricSample>
        switch format {
        case .json(let kind):
            do {
                decoded = try EventBatchDecoder.decodeMetricSamples(body, as: kind)
            } catch {
                await counters.addRejectedMetricSamples(reason: .malformedBatch, count: 1)
                throw APIError.badRequest(error.message)
            }
        case .prometheusText:
            decoded = PrometheusTextDecoder.decode(body)
        }
        let receivedAt = Date().timeIntervalSince1970
        let stored = try await store.insertMetricSamples(decoded.accepted, receivedAt: receivedAt)
        await anomalies.observe(decoded.accepted, receivedAt: receivedAt)
        await counters.addMetricSamples(count: stored)
        await counters.addRejectedMetricSamples(reason: .invalidEvent, count: decoded.rejected.count)
        return JSONBody.response(MetricIngestResponse(accepted: stored, rejected: decoded.rejected))
    }

    /// `GET /v1/metrics/series[?name=]`: the stored series (all, or those of one metric name)
    /// with their sample counts and time extent.
    func listMetricSeries(_ request: Request) async throws -> Response {
        let name = request.uri.queryParameters["name"].map(String.init)
        let series = try await store.metricSeries().filter { name == nil || $0.name == name }
        return JSONBody.response(MetricSeriesListResponse(series: series.map(MetricSeriesListResponse.Entry.init)))
    }
}

/// How a `POST /v1/metrics` body is framed.
enum MetricsBodyFormat {
    case json(BatchContentKind)
    case prometheusText

    /// From the Content-Type; anything else (OpenMetrics included) is a 415.
    static func of(_ request: Request) throws(APIError) -> MetricsBodyFormat {
        switch RequestContentType.mediaType(of: request) {
        case "application/x-ndjson": return .json(.ndjson)
        case "application/json": return .json(.jsonArray)
        case "text/plain":
            let version = RequestContentType.parameter("version", of: request)
            guard version == nil || version == "0.0.4" else {
                throw APIError(
                    status: .unsupportedMediaType,
                    message: "unsupported text format version '\(version ?? "")': send text/plain; version=0.0.4")
            }
            return .prometheusText
        case let other:
            throw APIError(
                status: .unsupportedMediaType,
                message: "unsupported content type '\(other ?? "none")': send application/x-ndjson, application/json (an array)"
                    + " or text/plain; version=0.0.4 (Prometheus text format)")
        }
    }
}

/// The answer to `POST /v1/metrics`: samples stored (new or replacing) and every rejected line.
struct MetricIngestResponse: Encodable {
    var accepted: Int
    var rejected: [BatchRejection]
}

/// The answer to `GET /v1/metrics/series`.
struct MetricSeriesListResponse: Encodable {
    struct Entry: Encodable {
        var name: String
        var labels: [String: String]
        var samples: Int
        var firstTimestamp: Double
        var lastTimestamp: Double

        init(_ summary: MetricSeriesSummary) {
            name = summary.name
            labels = summary.labels
            samples = summary.sampleCount
            firstTimestamp = summary.firstTimestamp
            lastTimestamp = summary.lastTimestamp
        }

        private enum CodingKeys: String, CodingKey {
            case name, labels, samples, firstTimestamp = "first_timestamp", lastTimestamp = "last_timestamp"
        }
    }

    var series: [Entry]
}
