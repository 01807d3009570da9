import DriftStatistics
import Foundation
import LinearAlgebra

// Times driftwatch's statistics and the SciPy/numpy peer on the same seeded data in one run and
// prints a table of medians. `--quick` runs the small sizes only; `--only ks,psi` runs the named
// methods only (ks, wasserstein, anderson, cvm, mannwhitney, psi, mmd, pca); `--python PATH` picks
// the peer's interpreter. Build in release: `make bench`.

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let python = arguments.firstIndex(of: "--python").map { arguments[$0 + 1] } ?? "python3"
let only = arguments.firstIndex(of: "--only").map { Set(arguments[$0 + 1].split(separator: ",").map(String.init)) }

/// Whether `--only` (if given) names this method.
func wanted(_ method: String) -> Bool { only?.contains(method) ?? true }
let peerScript = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("peer/scipy_peer.py").path

struct BenchmarkCase {
    let name: String
    let method: String
    let size: String
    let runs: Int
    let peer: [String: Any]
    let run: () throws -> Double
}

let data = try BenchmarkData()
defer { data.remove() }
var cases: [BenchmarkCase] = []

for count in quick ? [10_000] : [10_000, 1_000_000] {
    let (reference, current) = BenchmarkData.univariate(count: count, seed: UInt64(count))
    let referenceFile = try data.write(reference, name: "reference-\(count)")
    let currentFile = try data.write(current, name: "current-\(count)")
    let runs = count >= 1_000_000 ? 3 : 7
    let size = count >= 1_000_000 ? "1M" : "\(count / 1000)k"
    func add(_ method: String, _ label: String, _ body: @escaping () throws -> Double) {
        guard wanted(method) else { return }
        cases.append(BenchmarkCase(
            name: "\(method)-\(count)", method: label, size: "\(size) per side", runs: runs,
            peer: ["name": "\(method)-\(count)", "method": method, "reference": referenceFile, "current": currentFile,
                   "runs": runs],
            run: body))
    }
    add("ks", "Kolmogorov–Smirnov") { try kolmogorovSmirnovTest(reference: reference, current: current).statistic }
    add("wasserstein", "Wasserstein-1") { try wassersteinDistance(reference: reference, current: current).statistic }
    add("anderson", "Anderson–Darling") { try andersonDarlingTest(reference: reference, current: current).statistic }
    add("cvm", "Cramér–von Mises") { try cramerVonMisesTest(reference: reference, current: current).statistic }
    add("mannwhitney", "Mann–Whitney U") { try mannWhitneyUTest(reference: reference, current: current).statistic }
    add("psi", "PSI (10 reference-quantile bins)") {
        let (binning, referenceCounts) = try NumericBinning.fitted(to: reference, bins: 10)
        return try populationStabilityIndex(referenceCounts: referenceCounts, currentCounts: binning.counts(of: current)).statistic
    }
}

/// A row-major block of `rows` × `columns` values as a column-major matrix.
func matrix(rowMajor values: [Double], rows: Int, columns: Int) throws -> Matrix<Double> {
    var columnMajor = [Double](repeating: 0, count: values.count)
    for row in 0..<rows {
        for column in 0..<columns { columnMajor[column * rows + row] = values[row * columns + column] }
    }
    return try Matrix(rows: rows, columns: columns, columnMajor: columnMajor)
}

/// Seeded reference and current matrices (current shifted by 0.05), written for the peer too.
func multivariatePair(
    name: String, rows: Int, dimensions: Int, seeds: (UInt64, UInt64)
) throws -> (reference: Matrix<Double>, current: Matrix<Double>, peer: [String: Any]) {
    let referenceValues = BenchmarkData.multivariate(rows: rows, dimensions: dimensions, shift: 0, seed: seeds.0)
    let currentValues = BenchmarkData.multivariate(rows: rows, dimensions: dimensions, shift: 0.05, seed: seeds.1)
    let peer: [String: Any] = [
        "name": name, "columns": dimensions, "runs": 3,
        "reference": try data.write(referenceValues, name: "\(name)-reference"),
        "current": try data.write(currentValues, name: "\(name)-current"),
    ]
    return (
        try matrix(rowMajor: referenceValues, rows: rows, columns: dimensions),
        try matrix(rowMajor: currentValues, rows: rows, columns: dimensions),
        peer
    )
}

if wanted("mmd") {
    for rows in quick ? [2_000] : [2_000, 5_000] {
        let (reference, current, peer) = try multivariatePair(name: "mmd-\(rows)", rows: rows, dimensions: 20, seeds: (1, 2))
        cases.append(BenchmarkCase(
            name: "mmd-\(rows)", method: "MMD², RBF, 100 permutations", size: "\(rows / 1000)k × 20 per side", runs: 3,
            peer: peer.merging(["method": "mmd", "permutations": 100]) { $1 },
            run: { try mmdTest(reference: reference, current: current, permutations: 100).statistic }))
    }
}

if !quick && wanted("pca") {
    let (reference, current, peer) = try multivariatePair(name: "pca", rows: 1_000_000, dimensions: 25, seeds: (3, 4))
    cases.append(BenchmarkCase(
        name: "pca", method: "PCA reconstruction (fit + 10 reference chunks + current)", size: "1M × 25 per side", runs: 3,
        peer: peer.merging(["method": "pca"]) { $1 },
        run: { try PCAReconstructionDrift(reference: reference).reconstructionError(current) }))
}

print("driftwatch statistics benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, BLAS: \(ActiveBLAS.describe())")
print("running the peer on the same data…")
let peer = try PeerRunner.run(manifest: cases.map(\.peer), dataDirectory: data.directory, python: python, script: peerScript)

func milliseconds(_ seconds: Double) -> String {
    seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.1f ms", seconds * 1000)
}

let header = ["method", "size", "driftwatch", "peer", "peer library", "speed-up", "statistic agrees"]
var rows: [[String]] = []
for benchmark in cases {
    var statistic = Double.nan
    let seconds = try Stopwatch.median(runs: benchmark.runs) { statistic = try benchmark.run() }
    let other = peer[benchmark.name]
    let agreement: String
    if let other {
        let relative = abs(statistic - other.statistic) / max(abs(other.statistic), .leastNormalMagnitude)
        agreement = String(format: "%.1e rel", relative)
    } else {
        agreement = "–"
    }
    rows.append([
        benchmark.method, benchmark.size, milliseconds(seconds),
        other.map { milliseconds($0.seconds) } ?? "–", other?.library ?? "–",
        other.map { String(format: "%.1f×", $0.seconds / seconds) } ?? "–", agreement,
    ])
    print("  \(benchmark.name): \(milliseconds(seconds))")
}

print("\n| " + header.joined(separator: " | ") + " |")
print("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
for row in rows { print("| " + row.joined(separator: " | ") + " |") }
print("\nMedians after a warm-up (3 runs at 1M rows and for the multivariate cases, 7 otherwise), wall time inside each process; the peer times its own calls the same way.")
