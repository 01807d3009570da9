import Foundation
import Monitoring

/// Times `EventBatchDecoder.decodePredictions` on one thread over NDJSON bodies the load
/// generator would send, so the decoder's share of the server's CPU per event can be read alone.
struct DecodeRun {
    let bodies: BodyFactory
    let batchSize: Int
    let batches: Int

    struct Figures {
        let passes: Int
        let events: Int
        let bytesPerEvent: Int
        let eventsPerSecond: Double
    }

    func run(passes: Int) throws -> Figures {
        let schema = try ModelSchema.decode(json: Data(SyntheticEvents.schemaJSON(window: #""1h""#).utf8))
        let decoder = EventBatchDecoder(schema: schema)
        var prepared: [[UInt8]] = []
        for batch in 0..<batches {
            var body: [UInt8] = []
            bodies.body(into: &body, prefix: Array("decode-".utf8), first: batch * batchSize, count: batchSize, start: 1_800_000_000, millisecondsPerEvent: 1)
            prepared.append(body)
        }
        let events = batches * batchSize
        var seconds: [Double] = []
        for _ in 0..<passes {
            let began = DispatchTime.now().uptimeNanoseconds
            var accepted = 0
            for body in prepared {
                accepted += try decoder.decodePredictions(body, as: .ndjson).accepted.count
            }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
            guard accepted == events else { throw BenchmarkError.server("the decoder accepted \(accepted) of \(events) events") }
        }
        let median = seconds.sorted()[passes / 2]
        return Figures(
            passes: passes, events: events, bytesPerEvent: prepared.reduce(0) { $0 + $1.count } / events,
            eventsPerSecond: Double(events) / median)
    }
}
