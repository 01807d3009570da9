import Foundation
import NABScoring

/// The NAB development split committed under `Benchmarks/nab`, and the published outputs of
/// NAB's detectors on it.
enum NABFixture {
    static let corpus: NABCorpus = {
        do {
            return try NABCorpus()
        } catch {
            fatalError("the committed NAB split does not load: \(error)")
        }
    }()

    /// A published detector's scores per series (`null` is a constant 0.5).
    static func scores(of detector: String) throws -> [[Double]] {
        if detector == "null" { return corpus.series.map { [Double](repeating: 0.5, count: $0.values.count) } }
        return try corpus.publishedScores(of: detector)
    }

    /// The rows of a CSV under `scores/`, as dictionaries by column.
    static func table(_ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: NABCorpus.bundledDirectory.appendingPathComponent("scores/\(name)"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
