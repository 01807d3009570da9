import ArgumentParser
import DriftStatistics
import Monitoring

/// `driftwatch check`: a one-shot drift report on a reference and a current file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a current data file with a reference file, feature by feature.",
        discussion: """
            Reads two CSV (.csv, .tsv) or NDJSON (.ndjson, .jsonl) files, infers each feature's type \
            (numeric, categorical, boolean; the columns id, timestamp and prediction are not features), \
            removes missing values and tests every feature of the reference against the current file. \
            The dataset drifts when the share of drifted features is at least --drift-share.

            Exit status: 0 no dataset drift, 1 dataset drift, 2 a usage or input error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case table
        case json
        case html
    }

    @Option(help: "The reference (baseline) file: .csv, .tsv, .ndjson or .jsonl.")
    var reference: String

    @Option(help: "The current file to compare with the reference.")
    var current: String

    @Option(help: ArgumentHelp(
        "auto (Evidently's rule: ks/chi2/z up to 1000 reference values, wasserstein_normed/js above) or one method for every feature.",
        valueName: "method"))
    var method: String = "auto"

    @Option(help: "Replace each method's default threshold (a p-value for tests, a distance for distances).")
    var threshold: Double?

    @Option(help: "Dataset drift when at least this share of the tested features drifted.")
    var driftShare: Double = 0.5

    @Option(help: "Quantile bins frozen on the reference for psi/kl/js/hellinger/tv and the HTML histograms.")
    var bins: Int = 10

    @Option(help: "Report format.")
    var format: Format = .table

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    /// The parsed `--method`; nil for `auto`.
    var driftMethod: DriftMethod? {
        method == "auto" ? nil : DriftMethod(rawValue: method)
    }

    static let univariateMethods = DriftMethod.allCases.filter { DriftThreshold.evidentlyDefault(for: $0) != nil }

    func validate() throws {
        if method != "auto" {
            guard let chosen = DriftMethod(rawValue: method), Self.univariateMethods.contains(chosen) else {
                let names = (["auto"] + Self.univariateMethods.map(\.rawValue)).joined(separator: ", ")
                throw ValidationError("--method: unknown univariate method '\(method)' (one of \(names))")
            }
        }
        if let threshold, !(threshold.isFinite && threshold >= 0) {
            throw ValidationError("--threshold: must be a finite number ≥ 0, got \(threshold)")
        }
        guard driftShare.isFinite, driftShare > 0, driftShare <= 1 else {
            throw ValidationError("--drift-share: must be in (0, 1], got \(driftShare)")
        }
        guard bins >= 2, bins <= 1000 else {
            throw ValidationError("--bins: must be between 2 and 1000, got \(bins)")
        }
    }

    func run() throws {
        let referenceFile = try SampleFile.load(reference)
        let declared = Dictionary(referenceFile.features.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let currentFile = try SampleFile.load(current, declared: declared)
        for file in [referenceFile, currentFile] where !file.rejected.isEmpty {
            standardError("driftwatch: " + RejectionSummary.text(of: file) + "\n")
        }
        let options = CheckOptions(method: driftMethod, threshold: threshold, driftShare: driftShare, bins: bins)
        let report = DriftCheck.run(reference: referenceFile, current: currentFile, options: options)
        let rendered: [UInt8]
        switch format {
        case .table: rendered = Array(TableReport.render(report).utf8)
        case .json: rendered = try JSONReport.render(report)
        case .html: rendered = Array(HTMLReport.render(report).utf8)
        }
        if let output {
            try FileAccess.write(rendered, to: output)
        } else {
            FileAccess.writeStandardOutput(rendered)
        }
        if report.testedCount == 0 {
            throw InputError("no feature could be tested (the report says why for each)")
        }
        if report.datasetDrift { throw ExitCode(1) }
    }
}
