/// The whole report of one `driftwatch check` run.
struct CheckReport: Sendable {
    var reference: SampleFile
    var current: SampleFile
    var options: CheckOptions
    /// One entry per reference feature, in the reference file's order.
    var features: [FeatureCheck]
    /// Current-file features the reference lacks; not compared.
    var currentOnly: [String]

    var testedCount: Int { features.count { $0.verdict != nil } }
    var driftedCount: Int { features.count { $0.drifted } }
    /// Drifted features over tested features (0 when none was tested), Evidently's
    /// `share_of_drifted_columns`.
    var driftShare: Double { testedCount == 0 ? 0 : Double(driftedCount) / Double(testedCount) }
    /// Evidently's dataset-drift rule: the share of drifted features is at least `--drift-share`.
    var datasetDrift: Bool { testedCount > 0 && driftShare >= options.driftShare }
}
