import AnomalyDetection
import Foundation
import NABScoring

// Scores every driftwatch detector on the NAB development split with driftwatch's NAB scorer,
// beside NAB's published detectors scored by the same scorer in the same run, then times each
// detector's throughput. `--nab-only` or `--throughput-only` runs one part; `--only a,b` runs the
// named detectors only; `--data DIR` points at another copy of the NAB layout (default
// Benchmarks/nab). Build in release: `make bench-anomaly`.

let arguments = CommandLine.arguments
let directory = arguments.firstIndex(of: "--data").map { URL(fileURLWithPath: arguments[$0 + 1]) } ?? NABCorpus.bundledDirectory
let runNAB = !arguments.contains("--throughput-only")
let runThroughput = !arguments.contains("--nab-only")
let kinds: [AnomalyDetectorKind] = try arguments.firstIndex(of: "--only").map { index in
    try arguments[index + 1].split(separator: ",").map { name in
        guard let kind = AnomalyDetectorKind(rawValue: String(name)) else {
            throw BenchmarkError("--only: no detector '\(name)'; the detectors are "
                + AnomalyDetectorKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
} ?? AnomalyDetectorKind.allCases

if runNAB {
    try NABTable.print(directory: directory, kinds: kinds)
}
if runThroughput {
    ThroughputTable.print(kinds: kinds)
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
