import DriftStatistics
import Foundation

/// Seeded benchmark inputs, written once as raw little-endian float64 files so the peer reads
/// exactly the same numbers.
struct BenchmarkData {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("driftstats-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `values` to `<name>.f64` and returns the file name.
    @discardableResult
    func write(_ values: [Double], name: String) throws -> String {
        let file = "\(name).f64"
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        try data.write(to: directory.appendingPathComponent(file))
        return file
    }

    /// Normal data, one column: reference N(0,1), current N(0.05,1) — a small drift, so the
    /// statistics are neither trivial nor degenerate.
    static func univariate(count: Int, seed: UInt64) -> (reference: [Double], current: [Double]) {
        var generator = SplitMix64(seed: seed)
        return (generator.normals(count), generator.normals(count, mean: 0.05))
    }

    /// Correlated multivariate data, row-major: `dimensions` features driven by a few latent
    /// factors plus noise, so PCA has structure to find; the current rows are shifted by `shift`.
    static func multivariate(rows: Int, dimensions: Int, shift: Double, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        let factors = 3
        var loadings = [Double](repeating: 0, count: factors * dimensions)
        var loadingGenerator = SplitMix64(seed: 99)
        for index in loadings.indices { loadings[index] = loadingGenerator.nextNormal() }
        var values = [Double](repeating: 0, count: rows * dimensions)
        for row in 0..<rows {
            let latent = (0..<factors).map { _ in generator.nextNormal() }
            for column in 0..<dimensions {
                var value = shift + 0.5 * generator.nextNormal()
                for factor in 0..<factors { value += latent[factor] * loadings[factor * dimensions + column] }
                values[row * dimensions + column] = value
            }
        }
        return values
    }
}
