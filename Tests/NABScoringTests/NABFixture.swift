import Foundation
import NABScoring

/// The NAB development split committed under `Benchmarks/nab`, and the published outputs of
/// NAB's detectors on it.
enum NABFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/nab")

    static let corpus: NABCorpus = {
        do {
            return try NABCorpus(directory: directory)
        } catch {
            fatalError("the committed NAB split does not load: \(error)")
        }
    }()

    /// A published detector's scores per series (`null` is a constant 0.5).
    static func scores(of detector: String) throws -> [[Double]] {
        try corpus.series.map { series in
            if detector == "null" { return [Double](repeating: 0.5, count: series.values.count) }
            let url = directory.appendingPathComponent("results/\(detector)/\(series.name)")
            let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            return try lines.map { line in
                guard let score = Double(line) else { throw NABScoringError("\(url.lastPathComponent): '\(line)'") }
                return score
            }
        }
    }

    /// The rows of a CSV under `scores/`, as dictionaries by column.
    static func table(_ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: directory.appendingPathComponent("scores/\(name)"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
