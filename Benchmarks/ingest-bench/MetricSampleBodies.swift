import Foundation

/// NDJSON bodies of `POST /v1/metrics` for the metrics phase: `endpoint_latency_ms` of `series`
/// endpoints per connection (`c<connection>-e<k>`), the samples of a batch spread over them in
/// turn, one second apart per series, a daily-looking wave plus deterministic noise.
enum MetricSampleBodies {
    static func body(into body: inout [UInt8], connection: Int, first: Int, count: Int, series: Int, start: Int) {
        body.removeAll(keepingCapacity: true)
        for sequence in first..<(first + count) {
            let endpoint = sequence % series
            let point = sequence / series
            // A hash of the sample's place, so each run sends the same values.
            let noise = Double((sequence &* 2_654_435_761 &+ connection &* 40_503) & 0xFFFF) / 65_536 - 0.5
            let value = 50 + 10 * sin(Double(point) * 2 * .pi / 300 + Double(endpoint)) + 4 * noise
            let line = #"{"name":"endpoint_latency_ms","labels":{"endpoint":"c\#(connection)-e\#(endpoint)"},"timestamp":\#(start + point),"value":\#((value * 1000).rounded() / 1000)}"#
            body.append(contentsOf: line.utf8)
            body.append(10)
        }
    }
}
