import DriftStatistics
import Foundation
import Monitoring

/// The benchmark's 25-feature model and its seeded traffic: 15 numeric features (normal, each with
/// its own mean and spread), 7 categorical ones (5 to 17 names, skewed weights) and 3 booleans,
/// plus a score prediction. Deterministic: every value comes from `SplitMix64`.
struct SyntheticEvents {
    static let numericCount = 15
    static let categoricalCount = 7
    static let booleanCount = 3
    static var featureCount: Int { numericCount + categoricalCount + booleanCount }

    static func numericName(_ index: Int) -> String { "n\(index < 10 ? "0" : "")\(index)" }
    static func categoricalName(_ index: Int) -> String { "c0\(index)" }
    static func booleanName(_ index: Int) -> String { "b0\(index)" }
    /// Category names of categorical feature `index`: `k0`…`k(n-1)`, n = 5 + 2·index.
    static func categories(_ index: Int) -> [String] { (0..<(5 + 2 * index)).map { "k\($0)" } }

    /// The model's schema as `PUT /v1/models/{model}` takes it, with `window` spliced in as JSON.
    static func schemaJSON(window: String) -> String {
        var features: [String] = []
        for index in 0..<numericCount { features.append(#"{"name":"\#(numericName(index))","type":"numeric"}"#) }
        for index in 0..<categoricalCount { features.append(#"{"name":"\#(categoricalName(index))","type":"categorical"}"#) }
        for index in 0..<booleanCount { features.append(#"{"name":"\#(booleanName(index))","type":"boolean"}"#) }
        return #"{"features":[\#(features.joined(separator: ","))],"prediction":{"type":"score"},"window":\#(window)}"#
    }

    /// One row of values, drawn from `generator`.
    struct Row {
        var numeric: [Double]
        var categorical: [Int]
        var boolean: [Bool]
        var score: Double
    }

    static func row(_ generator: inout SplitMix64, shifted: Bool = false) -> Row {
        var numeric: [Double] = []
        numeric.reserveCapacity(numericCount)
        for index in 0..<numericCount {
            let mean = Double(index) * 10 + (shifted && index < 3 ? 2 : 0)
            numeric.append(rounded(mean + Double(1 + index % 4) * generator.nextNormal()))
        }
        var categorical: [Int] = []
        for index in 0..<categoricalCount {
            // Skewed: the minimum of two uniform draws favours the first names.
            let count = 5 + 2 * index
            let a = Int(generator.nextOpenUnit() * Double(count))
            let b = Int(generator.nextOpenUnit() * Double(count))
            categorical.append(min(a, b, count - 1))
        }
        var boolean: [Bool] = []
        for index in 0..<booleanCount { boolean.append(generator.nextOpenUnit() < 0.2 + 0.2 * Double(index)) }
        let score = rounded(1 / (1 + exp(-(numeric[0] - 0) / 2)))
        return Row(numeric: numeric, categorical: categorical, boolean: boolean, score: score)
    }

    /// The row's `"features":{…},"prediction":…}` tail as NDJSON bytes (the id and timestamp are
    /// written in front of it per event).
    static func jsonTail(_ row: Row) -> [UInt8] {
        var parts: [String] = []
        for (index, value) in row.numeric.enumerated() { parts.append(#""\#(numericName(index))":\#(value)"#) }
        for (index, value) in row.categorical.enumerated() { parts.append(#""\#(categoricalName(index))":"k\#(value)""#) }
        for (index, value) in row.boolean.enumerated() { parts.append(#""\#(booleanName(index))":\#(value)"#) }
        return Array(#""features":{\#(parts.joined(separator: ","))},"prediction":\#(row.score)}"#.utf8)
    }

    /// The row as a domain event (for the in-process window-close measurement).
    static func event(_ row: Row, id: String) -> PredictionEvent {
        var features: [String: FeatureValue] = [:]
        for (index, value) in row.numeric.enumerated() { features[numericName(index)] = .number(value) }
        for (index, value) in row.categorical.enumerated() { features[categoricalName(index)] = .string("k\(value)") }
        for (index, value) in row.boolean.enumerated() { features[booleanName(index)] = .bool(value) }
        return PredictionEvent(id: id, features: features, prediction: .number(row.score))
    }

    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}

/// Builds NDJSON bodies cheaply from a pool of pre-rendered rows: per event only the id and the
/// timestamp are formatted, so the load generator spends little CPU next to the server.
struct BodyFactory: Sendable {
    let tails: [[UInt8]]

    init(rows: Int, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        tails = (0..<rows).map { _ in SyntheticEvents.jsonTail(SyntheticEvents.row(&generator)) }
    }

    /// `count` events with ids `<prefix><first>`… and event times `start + sequence · step`
    /// (millisecond resolution), appended to `body` (which is emptied first).
    func body(into body: inout [UInt8], prefix: [UInt8], first: Int, count: Int, start: Int, millisecondsPerEvent: Int) {
        body.removeAll(keepingCapacity: true)
        for sequence in first..<(first + count) {
            body.append(contentsOf: #"{"id":""#.utf8)
            body.append(contentsOf: prefix)
            appendDecimal(sequence, to: &body)
            body.append(contentsOf: #"","timestamp":"#.utf8)
            let milliseconds = sequence * millisecondsPerEvent
            appendDecimal(start + milliseconds / 1000, to: &body)
            body.append(UInt8(ascii: "."))
            let fraction = milliseconds % 1000
            body.append(UInt8(ascii: "0") + UInt8(fraction / 100))
            body.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
            body.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            body.append(UInt8(ascii: ","))
            body.append(contentsOf: tails[sequence % tails.count])
            body.append(UInt8(ascii: "\n"))
        }
    }
}

/// Appends the decimal digits of `value` ≥ 0.
func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
    if value < 10 {
        bytes.append(UInt8(ascii: "0") + UInt8(value))
        return
    }
    appendDecimal(value / 10, to: &bytes)
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
}
