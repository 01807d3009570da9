import DriftStatistics

/// Wording shared by the table and HTML reports.
enum ReportText {
    /// `dataset drift: YES, 2 of 5 tested features drifted (share 0.4 ≥ 0.5)`
    static func summary(_ report: CheckReport) -> String {
        let verdict = report.datasetDrift ? "YES" : "no"
        let comparison = report.datasetDrift ? "≥" : "<"
        return "dataset drift: \(verdict), \(report.driftedCount) of \(report.testedCount) tested features drifted"
            + " (share \(DriftCheck.shortNumber(report.driftShare)) \(comparison) \(DriftCheck.shortNumber(report.options.driftShare)))"
    }

    /// `p ≤ 0.05`, `p < 0.05`, `≥ 0.1` or `> 0.1`: the side of the threshold that is drift.
    static func threshold(_ threshold: DriftThreshold) -> String {
        let value = DriftCheck.shortNumber(threshold.value)
        switch threshold.direction {
        case .pValueAtOrBelow: return "p ≤ \(value)"
        case .pValueBelow: return "p < \(value)"
        case .statisticAtOrAbove: return "≥ \(value)"
        case .statisticAbove: return "> \(value)"
        }
    }
}
