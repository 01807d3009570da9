import DriftStatistics
import Foundation

/// The bundled example model of `driftwatch demo`, `fraud-detector`, and its seeded synthetic
/// traffic: a reference sample for the baseline and an hourly stream whose later hours drift.
///
/// Deterministic: every value comes from `SplitMix64` with fixed seeds, so each run replays the
/// same events. From `shiftHour` on, exactly the features in `shiftedFeatures` change
/// distribution; the others keep their reference distribution.
struct DemoStream {
    static let model = "fraud-detector"
    /// Event time of the first streamed event: 2026-01-01T00:00:00Z.
    static let start: Double = 1_767_225_600
    /// The features whose distribution changes from `shiftHour` on, and how.
    static let shiftedFeatures: [(name: String, change: String)] = [
        ("amount", "transaction amounts scaled by 1.5"),
        ("country", "country mix moves from DE/FR toward IT/NL"),
        ("device", "device mix moves from ios/android toward web"),
    ]

    static let schemaJSON = """
        {"features":[\
        {"name":"amount","type":"numeric"},{"name":"age","type":"numeric"},\
        {"name":"account_age_days","type":"numeric"},{"name":"num_transactions_24h","type":"numeric"},\
        {"name":"avg_basket","type":"numeric"},{"name":"distance_km","type":"numeric"},\
        {"name":"country","type":"categorical"},{"name":"device","type":"categorical"},\
        {"name":"channel","type":"categorical"},{"name":"merchant_category","type":"categorical"},\
        {"name":"is_new_customer","type":"boolean"},{"name":"has_2fa","type":"boolean"}],\
        "prediction":{"type":"score"},"label":{"type":"binary"},"window":"1h"}
        """
    static let featureCount = 12

    /// The endpoint's latency, pushed to `POST /v1/metrics` once a minute beside the events.
    static let latencyMetric = "endpoint_latency_ms"
    /// Its mean before and from `shiftHour` on: the shifted traffic is slower to score.
    static let latencyLevels = (before: 42.0, after: 68.0)

    /// The latency samples of one streamed hour as NDJSON, one a minute (at 30 s past): the level
    /// of ``latencyLevels`` plus noise uniform within ±6 ms, which no robust z-score of 3.5 flags.
    func latencyLines(_ hour: Int) -> [String] {
        var generator = SplitMix64(seed: 0x1A7E_0000 &+ UInt64(hour))
        let level = hour >= shiftHour ? Self.latencyLevels.after : Self.latencyLevels.before
        return (0..<60).map { minute in
            let time = Self.start + Double(hour) * 3600 + Double(minute) * 60 + 30
            let value = Self.rounded(level + 12 * (generator.nextOpenUnit() - 0.5))
            return #"{"name":"\#(Self.latencyMetric)","labels":{"endpoint":"\#(Self.model)"},"timestamp":\#(time),"value":\#(value)}"#
        }
    }

    var hours: Int
    var eventsPerHour: Int
    var shiftHour: Int

    /// The baseline sample as NDJSON lines (no timestamps: a baseline is a sample, not a stream).
    func referenceLines(count: Int) -> [String] {
        var generator = SplitMix64(seed: 20_260_101)
        return (0..<count).map { index in Self.line(id: "ref-\(index)", timestamp: nil, shifted: false, &generator).line }
    }

    /// The events of one streamed hour, evenly spaced inside it, each with its label line: the
    /// outcome drawn with the event's own score as its probability, so the score is calibrated,
    /// timestamped a minute after its prediction so it counts within the label TTL (which runs
    /// from the prediction's event time to the label's time) although the stream is replayed later.
    func hourLines(_ hour: Int) -> [(event: String, label: String)] {
        var generator = SplitMix64(seed: 0xD81F_7000 &+ UInt64(hour))
        // Labels have their own stream, so adding them left the features' values unchanged.
        var labelGenerator = SplitMix64(seed: 0x1AB3_1000 &+ UInt64(hour))
        let spacing = 3600 / Double(eventsPerHour)
        return (0..<eventsPerHour).map { index in
            let id = "h\(hour)-\(index)"
            let time = Self.start + Double(hour) * 3600 + (Double(index) + 0.5) * spacing
            let event = Self.line(id: id, timestamp: time, shifted: hour >= shiftHour, &generator)
            let label = labelGenerator.nextOpenUnit() < event.score ? 1 : 0
            return (event.line, #"{"id":"\#(id)","label":\#(label),"timestamp":\#(time + 60)}"#)
        }
    }

    private static func line(id: String, timestamp: Double?, shifted: Bool, _ g: inout SplitMix64) -> (line: String, score: Double) {
        let amount = exp(3.5 + 0.8 * g.nextNormal()) * (shifted ? 1.5 : 1)
        let age = max(18, (40 + 12 * g.nextNormal()).rounded())
        let accountAge = (-log(g.nextOpenUnit()) * 400).rounded()
        let transactions = (-log(g.nextOpenUnit()) * 3).rounded(.down)
        let basket = max(1, 55 + 15 * g.nextNormal())
        let distance = -log(g.nextOpenUnit()) * 25
        let country = pick(shifted ? [("DE", 0.15), ("FR", 0.1), ("ES", 0.15), ("IT", 0.3), ("NL", 0.3)]
            : [("DE", 0.4), ("FR", 0.25), ("ES", 0.15), ("IT", 0.1), ("NL", 0.1)], &g)
        let device = pick(shifted ? [("ios", 0.2), ("android", 0.25), ("web", 0.55)]
            : [("ios", 0.45), ("android", 0.45), ("web", 0.1)], &g)
        let channel = pick([("app", 0.5), ("web", 0.3), ("pos", 0.2)], &g)
        let merchant = pick([("grocery", 0.35), ("electronics", 0.2), ("travel", 0.15), ("fashion", 0.2), ("gaming", 0.1)], &g)
        let isNew = g.nextOpenUnit() < 0.15
        let has2FA = g.nextOpenUnit() < 0.7
        let logit = -4 + 0.012 * amount + (isNew ? 1.2 : 0) + 0.01 * distance - (has2FA ? 0.8 : 0)
        let score = rounded(1 / (1 + exp(-logit)))
        let time = timestamp.map { #""timestamp":\#($0),"# } ?? ""
        let line = #"{"id":"\#(id)",\#(time)"features":{"amount":\#(rounded(amount)),"age":\#(age),"account_age_days":\#(accountAge),"# +
            #""num_transactions_24h":\#(transactions),"avg_basket":\#(rounded(basket)),"distance_km":\#(rounded(distance)),"# +
            #""country":"\#(country)","device":"\#(device)","channel":"\#(channel)","merchant_category":"\#(merchant)","# +
            #""is_new_customer":\#(isNew),"has_2fa":\#(has2FA)},"prediction":\#(score)}"#
        return (line, score)
    }

    private static func pick(_ weights: [(String, Double)], _ g: inout SplitMix64) -> String {
        var u = g.nextOpenUnit()
        for (value, weight) in weights {
            if u < weight { return value }
            u -= weight
        }
        return weights[weights.count - 1].0
    }

    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
