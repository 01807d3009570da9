import DriftStatistics
import Foundation
import Monitoring

/// The aligned plain-text report: a summary line, one row per feature, then notes on features
/// that could not be tested and rows that were rejected.
enum TableReport {
    static func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        lines.append("reference: \(describe(report.reference))")
        lines.append("current:   \(describe(report.current))")
        lines.append(ReportText.summary(report))
        lines.append("")
        let header = ["feature", "type", "method", "statistic", "p-value", "threshold", "drift", "missing ref", "missing cur"]
        var rows: [[String]] = []
        for feature in report.features {
            let missing = [percent(feature.reference.ratio), percent(feature.current.ratio)]
            if let verdict = feature.verdict {
                rows.append([
                    feature.name, feature.type, verdict.result.method.rawValue,
                    DriftCheck.shortNumber(verdict.result.statistic),
                    verdict.result.pValue.map { String(format: "%.3g", $0) } ?? "-",
                    ReportText.threshold(verdict.threshold), verdict.drifted ? "DRIFT" : "ok",
                ] + missing)
            } else {
                rows.append([feature.name, feature.type, "-", "-", "-", "-", "untested"] + missing)
            }
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header] + rows {
            let cells = row.enumerated().map { column, text in
                text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            lines.append(trimmingTrailingSpaces(cells.joined(separator: "  ")))
        }
        let untested = report.features.filter { $0.verdict == nil }
        if !untested.isEmpty {
            lines.append("")
            lines.append("not tested:")
            for feature in untested { lines.append("  \(feature.name): \(feature.untestedReason ?? "")") }
        }
        if !report.currentOnly.isEmpty {
            lines.append("")
            lines.append("only in the current file (not compared): \(report.currentOnly.joined(separator: ", "))")
        }
        for file in [report.reference, report.current] where !file.rejected.isEmpty {
            lines.append("")
            lines.append("rejected rows of \(file.path) (\(file.rejected.count)):")
            for rejection in file.rejected.prefix(RejectionSummary.shownRows) {
                lines.append("  line \(rejection.line): \(rejection.error)")
            }
            if file.rejected.count > RejectionSummary.shownRows {
                lines.append("  and \(file.rejected.count - RejectionSummary.shownRows) more")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ file: SampleFile) -> String {
        let rejected = file.rejected.isEmpty ? "" : ", \(file.rejected.count) rejected"
        return "\(file.path) (\(file.rowCount) rows\(rejected))"
    }

    private static func percent(_ ratio: Double) -> String {
        String(format: "%.1f%%", ratio * 100)
    }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        var trimmed = text
        while trimmed.last == " " { trimmed.removeLast() }
        return trimmed
    }
}
