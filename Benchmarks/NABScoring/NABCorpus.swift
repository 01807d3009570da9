import Foundation
import Monitoring

/// The NAB data in a directory laid out as NAB ships it (`data/<folder>/<file>.csv`,
/// `labels/combined_windows.json`, `profiles.json`): every series named in the window labels,
/// in the labels' (sorted) order, and the scoring profiles.
public struct NABCorpus: Sendable {
    public let directory: URL
    public let series: [NABSeries]
    /// `standard`, `reward_low_FP_rate`, `reward_low_FN_rate`, in that order.
    public let profiles: [NABProfile]

    /// The development split committed under `Benchmarks/nab`.
    public static let bundledDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("nab")

    public init(directory: URL = NABCorpus.bundledDirectory) throws(NABScoringError) {
        self.directory = directory
        let labels = directory.appendingPathComponent("labels/combined_windows.json")
        let windows: [String: [[String]]]
        do {
            windows = try JSONDecoder().decode([String: [[String]]].self, from: try Data(contentsOf: labels))
        } catch {
            throw NABScoringError("\(labels.path): \(error)")
        }
        var series: [NABSeries] = []
        for name in windows.keys.sorted() {
            series.append(try Self.series(named: name, windows: windows[name] ?? [], in: directory))
        }
        self.series = series
        profiles = try Self.profiles(in: directory)
    }

    private static func series(named name: String, windows: [[String]], in directory: URL) throws(NABScoringError) -> NABSeries {
        let url = directory.appendingPathComponent("data").appendingPathComponent(name)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw NABScoringError("\(url.path): \(error)")
        }
        var timestamps: [String] = []
        var times: [Double] = []
        var values: [Double] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            if index == 0 {
                guard line == "timestamp,value" else { throw NABScoringError("\(name):1: header is '\(line)', not 'timestamp,value'") }
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            // NAB's timestamps have no offset; they are read as UTC.
            guard fields.count == 2, let value = Double(fields[1]), let time = try? RFC3339Timestamp.epochSeconds(String(fields[0]) + "Z") else {
                throw NABScoringError("\(name):\(index + 1): expected 'YYYY-MM-DD HH:MM:SS,number', got '\(line)'")
            }
            timestamps.append(String(fields[0]))
            times.append(time)
            values.append(value)
        }
        var rows: [ClosedRange<Int>] = []
        for (number, window) in windows.enumerated() {
            // Window ends are written with a `.000000` suffix; both ends are data rows.
            let ends = window.map { $0.hasSuffix(".000000") ? String($0.dropLast(7)) : $0 }
            guard ends.count == 2, let first = timestamps.firstIndex(of: ends[0]), let last = timestamps.lastIndex(of: ends[1]), first <= last
            else {
                throw NABScoringError("labels/combined_windows.json: \(name) window \(number + 1) \(window) does not match its rows")
            }
            rows.append(first...last)
        }
        return NABSeries(name: name, timestamps: timestamps, times: times, values: values, windows: rows)
    }

    /// The scores a published NAB detector gave each series (`results/<detector>/<series>`, one
    /// `anomaly_score` per row after a header), in the corpus' series order.
    public func publishedScores(of detector: String) throws(NABScoringError) -> [[Double]] {
        try series.map { series throws(NABScoringError) in
            let url = directory.appendingPathComponent("results/\(detector)/\(series.name)")
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw NABScoringError("\(url.path): \(error)")
            }
            var scores: [Double] = []
            for (index, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
                guard let score = Double(line) else { throw NABScoringError("\(url.path):\(index + 1): '\(line)' is not a score") }
                scores.append(score)
            }
            return scores
        }
    }

    private static func profiles(in directory: URL) throws(NABScoringError) -> [NABProfile] {
        struct Weights: Decodable {
            struct Matrix: Decodable {
                let tpWeight: Double
                let fpWeight: Double
                let fnWeight: Double
            }

            enum CodingKeys: String, CodingKey {
                case matrix = "CostMatrix"
            }

            let matrix: Matrix
        }
        let url = directory.appendingPathComponent("profiles.json")
        let decoded: [String: Weights]
        do {
            decoded = try JSONDecoder().decode([String: Weights].self, from: try Data(contentsOf: url))
        } catch {
            throw NABScoringError("\(url.path): \(error)")
        }
        return try ["standard", "reward_low_FP_rate", "reward_low_FN_rate"].map { name throws(NABScoringError) in
            guard let weights = decoded[name]?.matrix else { throw NABScoringError("\(url.path): no profile '\(name)'") }
            return NABProfile(
                name: name, truePositiveWeight: weights.tpWeight, falsePositiveWeight: weights.fpWeight,
                falseNegativeWeight: weights.fnWeight)
        }
    }
}
