import DriftStatistics
import Foundation
import Monitoring

/// The in-process window-close measurement: a baseline frozen on `rows` reference rows, a window
/// profile fed `rows` current rows (3 numeric features shifted), then `evaluate(window:against:)`
/// timed as the median of several runs. The same rows are written as raw little-endian columns
/// for the peer (one file per column), so both sides judge identical data.
struct WindowClose {
    let rows: Int
    let directory: URL

    struct Figures {
        var baselineSeconds: Double
        var profileSeconds: Double
        var evaluateSeconds: Double
        var evaluateRuns: Int
        var driftedFeatures: [String]
        var methods: [String: Int]
    }

    func run(writeColumns: Bool) throws -> Figures {
        let schema = try ModelSchema.decode(json: Data(SyntheticEvents.schemaJSON(window: #""1h""#).utf8))
        var generator = SplitMix64(seed: 11)
        var columns = Columns(rows: rows)
        var reference: [PredictionEvent] = []
        reference.reserveCapacity(rows)
        for index in 0..<rows {
            let row = SyntheticEvents.row(&generator)
            if writeColumns { columns.add(row) }
            reference.append(SyntheticEvents.event(row, id: "r\(index)"))
        }
        if writeColumns { try columns.write(to: directory, side: "reference") }
        let clock = ContinuousClock()
        var baseline: BaselineProfile?
        let baselineTime = try clock.measure { baseline = try BaselineProfile(name: "reference", schema: schema, events: reference) }
        reference = []
        guard let baseline else { throw BenchmarkError.server("no baseline") }

        var window = try WindowProfile(baseline: baseline, windowIndex: 0)
        columns = Columns(rows: rows)
        var current: [PredictionEvent] = []
        current.reserveCapacity(rows)
        for index in 0..<rows {
            let row = SyntheticEvents.row(&generator, shifted: true)
            if writeColumns { columns.add(row) }
            current.append(SyntheticEvents.event(row, id: "c\(index)"))
        }
        if writeColumns { try columns.write(to: directory, side: "current") }
        let profileTime = clock.measure { for event in current { window.add(event) } }
        current = []

        let runs = 5
        var report = try evaluate(window: window, against: baseline)
        var times: [Double] = []
        for _ in 0..<runs {
            let elapsed = try clock.measure { report = try evaluate(window: window, against: baseline) }
            times.append(elapsed.seconds)
        }
        times.sort()
        var methods: [String: Int] = [:]
        for feature in report.features { methods[feature.outcome.result.map { $0.method.rawValue } ?? "none", default: 0] += 1 }
        let drifted = report.driftedFeatures
        return Figures(
            baselineSeconds: baselineTime.seconds, profileSeconds: profileTime.seconds,
            evaluateSeconds: times[runs / 2], evaluateRuns: runs, driftedFeatures: drifted, methods: methods)
    }
}

/// The benchmark rows as columns: numeric and score as Float64, categories as UInt8 codes, booleans as 0/1.
private struct Columns {
    var numeric: [[Double]]
    var categorical: [[UInt8]]
    var boolean: [[UInt8]]
    var score: [Double] = []

    init(rows: Int) {
        numeric = Array(repeating: [], count: SyntheticEvents.numericCount)
        categorical = Array(repeating: [], count: SyntheticEvents.categoricalCount)
        boolean = Array(repeating: [], count: SyntheticEvents.booleanCount)
        for index in numeric.indices { numeric[index].reserveCapacity(rows) }
    }

    mutating func add(_ row: SyntheticEvents.Row) {
        for (index, value) in row.numeric.enumerated() { numeric[index].append(value) }
        for (index, value) in row.categorical.enumerated() { categorical[index].append(UInt8(value)) }
        for (index, value) in row.boolean.enumerated() { boolean[index].append(value ? 1 : 0) }
        score.append(row.score)
    }

    func write(to directory: URL, side: String) throws {
        func file(_ name: String) -> URL { directory.appendingPathComponent("\(side)-\(name).bin") }
        for (index, values) in numeric.enumerated() {
            try values.withUnsafeBytes { try Data($0).write(to: file(SyntheticEvents.numericName(index))) }
        }
        for (index, values) in categorical.enumerated() { try Data(values).write(to: file(SyntheticEvents.categoricalName(index))) }
        for (index, values) in boolean.enumerated() { try Data(values).write(to: file(SyntheticEvents.booleanName(index))) }
        try score.withUnsafeBytes { try Data($0).write(to: file("prediction")) }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
