import Monitoring
import Testing

@Suite struct MetricSampleDecodingTests {
    @Test func samplesFollowPrometheusNaming() throws {
        let result = try EventBatchDecoder.decodeMetricSamples(ndjsonBody([
            #"{"name":"endpoint_latency_ms","labels":{"endpoint":"fraud"},"timestamp":1795255200,"value":12.3}"#,
            #"{"name":"up","value":1}"#,
            #"{"name":"2xx","value":1}"#,
            #"{"name":"up","labels":{"__name__":"x"},"value":1}"#,
            #"{"name":"up","labels":{"code":200},"value":1}"#,
            #"{"name":"up","value":"NaN"}"#,
            #"{"name":"up"}"#,
            #"{"name":"up","value":1,"help":"x"}"#,
            #"{"name":"job:rate5m","labels":{"a-b":"x"},"value":1}"#,
            #"{"name":"up","labels":{"_shard":"x"},"value":1}"#,
        ]), as: .ndjson)
        #expect(result.accepted == [
            MetricSample(name: "endpoint_latency_ms", labels: ["endpoint": "fraud"], timestamp: 1_795_255_200, value: 12.3),
            MetricSample(name: "up", value: 1),
        ])
        #expect(result.rejected == [
            BatchRejection(line: 3, error: "name: '2xx' is not a valid Prometheus metric name"),
            BatchRejection(line: 4, error: "labels: '__name__' starts with '_', which Prometheus and OpenMetrics reserve"),
            BatchRejection(line: 5, error: "labels.code: expected string, got number"),
            BatchRejection(line: 6, error: "value: expected number, got string"),
            BatchRejection(line: 7, error: "value: required"),
            BatchRejection(line: 8, error: "unknown key 'help'"),
            BatchRejection(line: 9, error: "labels: 'a-b' is not a valid Prometheus label name"),
            BatchRejection(line: 10, error: "labels: '_shard' starts with '_', which Prometheus and OpenMetrics reserve"),
        ])
    }
}
