import Foundation

/// The NAB data in a directory laid out as NAB ships it (`data/<folder>/<file>.csv`,
/// `labels/combined_windows.json`, `profiles.json`): every series named in the window labels,
/// in the labels' (sorted) order, and the scoring profiles.
public struct NABCorpus: Sendable {
    public let directory: URL
    public let series: [NABSeries]
    /// `standard`, `reward_low_FP_rate`, `reward_low_FN_rate`, in that order.
    public let profiles: [NABProfile]

    public init(directory: URL) throws(NABScoringError) {
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
            guard fields.count == 2, let value = Double(fields[1]), let time = secondsSince1970(fields[0]) else {
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

    /// `YYYY-MM-DD HH:MM:SS` read as UTC, by the days-from-civil count of the proleptic
    /// Gregorian calendar (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    static func secondsSince1970(_ text: Substring) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count == 6 else { return nil }
        let (year, month, day) = (parts[1] <= 2 ? parts[0] - 1 : parts[0], parts[1], parts[2])
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + parts[3] * 3600 + parts[4] * 60 + parts[5])
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
