import AnomalyDetection
import ArgumentParser
import Foundation
import Monitoring

/// `driftwatch anomaly`: metric anomaly detection offline.
struct AnomalyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomaly", abstract: "Score metric series for anomalies.", subcommands: [AnomalyScoreCommand.self])
}

/// `driftwatch anomaly score --detector NAME FILE.csv`: scores a `timestamp,value` series point by
/// point, as the server's detectors do, and writes `timestamp,value,anomaly_score`.
struct AnomalyScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a timestamp,value CSV with a metric anomaly detector; writes timestamp,value,anomaly_score.",
        discussion: """
            Each row is judged against the rows before it, in file order, then learned, as a live \
            detector would see the series. Scores are in [0, 1]; 0.5 and above is the detector's \
            alarm. Timestamps are seconds since 1970, RFC 3339, or YYYY-MM-DD HH:MM:SS (read as \
            UTC); an empty, NA or NaN value is missing and gets an empty score.

            Detectors: \(AnomalyDetectorKind.allCases.map(\.rawValue).joined(separator: ", ")) \
            (default \(AnomalyDetectorKind.default.rawValue)). --set name=value changes a parameter, \
            e.g. --set history=5000; the README lists them.

            Exit status: 0 when every row was scored, 1 when some rows were skipped (each named on \
            standard error with its line), 2 when the file or an option is unusable.
            """)

    @Option(help: ArgumentHelp("The detector.", valueName: "name"))
    var detector: String = AnomalyDetectorKind.default.rawValue

    @Option(name: .customLong("set"), help: ArgumentHelp("A detector parameter, name=value (repeatable).", valueName: "name=value"))
    var settings: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @Argument(help: ArgumentHelp("The series: a CSV with timestamp and value columns.", valueName: "file"))
    var file: String

    func run() throws {
        let spec = try detectorSpec()
        let series: MetricSeriesCSV
        do {
            series = try MetricSeriesCSV.decode(try FileAccess.read(file))
        } catch let error as CSVError {
            throw InputError("\(file): \(error)")
        }
        var detector = spec.makeDetector()
        let verdicts = detector.observe(values: series.rows.map(\.value), times: series.rows.map(\.time))
        var text = "timestamp,value,anomaly_score\n"
        text.reserveCapacity(series.rows.count * 48)
        for (row, verdict) in zip(series.rows, verdicts) {
            text += "\(Self.field(row.timestamp)),\(Self.field(row.valueText)),\(row.value.isNaN ? "" : "\(verdict.score)")\n"
        }
        if let output {
            try FileAccess.write(Array(text.utf8), to: output)
        } else {
            FileAccess.writeStandardOutput(Array(text.utf8))
        }
        for rejection in series.rejected { standardError("\(file):\(rejection.line): \(rejection.error)\n") }
        if !series.rejected.isEmpty {
            standardError("\(file): \(series.rejected.count) row\(series.rejected.count == 1 ? "" : "s") skipped, \(series.rows.count) scored\n")
            throw ExitCode(1)
        }
    }

    private func detectorSpec() throws -> AnomalyDetectorSpec {
        guard let kind = AnomalyDetectorKind(rawValue: detector) else {
            throw InputError("--detector: no detector '\(detector)'; the detectors are "
                + AnomalyDetectorKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var parameters: [String: Double] = [:]
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw InputError("--set \(setting): expected name=number")
            }
            parameters[parts[0]] = value
        }
        do {
            return try AnomalyDetectorSpec(kind: kind, parameters: parameters)
        } catch {
            throw InputError("--set \(error)")
        }
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
