import DriftStatistics
import Foundation
import Monitoring

/// The HTML report (`--format html`): one self-contained page, with no script and no external
/// asset (styles inline, histograms as inline SVG), so it can be attached to a ticket or opened
/// offline. Each testable feature gets a small histogram of reference vs current shares over the
/// bins frozen on the reference.
enum HTMLReport {
    static let referenceColor = "#4c78a8"
    static let currentColor = "#f58518"

    static func render(_ report: CheckReport) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>driftwatch check: \(escape(report.current.path)) vs \(escape(report.reference.path))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse}
            th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .drift{color:#b00020;font-weight:bold}
            .ok{color:#2e7d32}
            .untested{color:#777}
            .summary{font-size:1.2em;margin:1em 0}
            .key{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
            </style>
            </head>
            <body>
            <h1>driftwatch check</h1>

            """
        html += "<p>reference: <code>\(escape(report.reference.path))</code>, \(report.reference.rowCount) rows"
        html += rejectedNote(report.reference) + "<br>\n"
        html += "current: <code>\(escape(report.current.path))</code>, \(report.current.rowCount) rows"
        html += rejectedNote(report.current) + "</p>\n"
        let summaryClass = report.datasetDrift ? "drift" : "ok"
        html += "<p class=\"summary \(summaryClass)\">\(escape(ReportText.summary(report)))</p>\n"
        html += "<p>histograms: share of rows per bin frozen on the reference"
        html += "<span class=\"key\" style=\"background:\(referenceColor)\"></span>reference"
        html += "<span class=\"key\" style=\"background:\(currentColor)\"></span>current</p>\n"
        html += "<table>\n<tr><th>feature</th><th>type</th><th>method</th><th>statistic</th><th>p-value</th>"
        html += "<th>threshold</th><th>drift</th><th>missing ref / cur</th><th>histogram</th></tr>\n"
        for feature in report.features {
            html += "<tr><td>\(escape(feature.name))</td><td>\(feature.type)</td>"
            if let verdict = feature.verdict {
                html += "<td>\(verdict.result.method.rawValue)</td>"
                html += "<td class=\"num\">\(DriftCheck.shortNumber(verdict.result.statistic))</td>"
                html += "<td class=\"num\">\(verdict.result.pValue.map { String(format: "%.3g", $0) } ?? "-")</td>"
                html += "<td>\(escape(ReportText.threshold(verdict.threshold)))</td>"
                html += verdict.drifted ? "<td class=\"drift\">drift</td>" : "<td class=\"ok\">ok</td>"
            } else {
                html += "<td colspan=\"5\" class=\"untested\">not tested: \(escape(feature.untestedReason ?? ""))</td>"
            }
            html += "<td class=\"num\">\(String(format: "%.1f%% / %.1f%%", feature.reference.ratio * 100, feature.current.ratio * 100))</td>"
            html += "<td>\(feature.histogram.map { svg($0, feature: feature.name) } ?? "")</td></tr>\n"
        }
        html += "</table>\n"
        if !report.currentOnly.isEmpty {
            html += "<p>only in the current file (not compared): \(escape(report.currentOnly.joined(separator: ", ")))</p>\n"
        }
        for file in [report.reference, report.current] where !file.rejected.isEmpty {
            html += "<h2>rejected rows of <code>\(escape(file.path))</code> (\(file.rejected.count))</h2>\n<ul>\n"
            for rejection in file.rejected.prefix(JSONReport.listedRejections) {
                html += "<li>line \(rejection.line): \(escape(rejection.error))</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    private static func rejectedNote(_ file: SampleFile) -> String {
        file.rejected.isEmpty ? "" : " (\(file.rejected.count) rejected rows, listed below)"
    }

    /// Side-by-side bars per bin, heights proportional to each file's share of rows in the bin,
    /// scaled so the tallest bar fills the chart. Each bin's exact shares are in its `<title>`.
    static func svg(_ histogram: Histogram, feature: String) -> String {
        let width = 260.0
        let height = 70.0
        let referenceTotal = Double(max(histogram.reference.reduce(0, +), 1))
        let currentTotal = Double(max(histogram.current.reduce(0, +), 1))
        let referenceShares = histogram.reference.map { Double($0) / referenceTotal }
        let currentShares = histogram.current.map { Double($0) / currentTotal }
        let tallest = max(referenceShares.max() ?? 0, currentShares.max() ?? 0, 1e-12)
        let slot = width / Double(max(histogram.labels.count, 1))
        let bar = max(slot * 0.4, 1)
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
        svg += " role=\"img\" aria-label=\"\(escape(feature)): reference vs current histogram\">"
        for index in histogram.labels.indices {
            let x = Double(index) * slot + slot * 0.1
            let referenceHeight = referenceShares[index] / tallest * (height - 2)
            let currentHeight = currentShares[index] / tallest * (height - 2)
            svg += "<g><title>\(escape(histogram.labels[index])): reference "
            svg += String(format: "%.1f%%, current %.1f%%", referenceShares[index] * 100, currentShares[index] * 100)
            svg += "</title>"
            svg += rect(x: x, y: height - referenceHeight, width: bar, height: referenceHeight, color: referenceColor)
            svg += rect(x: x + bar, y: height - currentHeight, width: bar, height: currentHeight, color: currentColor)
            svg += "</g>"
        }
        svg += "</svg>"
        return svg
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, color: String) -> String {
        String(format: "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%@\"/>", x, y, width, height, color)
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
