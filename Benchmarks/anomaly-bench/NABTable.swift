import AnomalyDetection
import Foundation
import Monitoring
import NABScoring

/// The NAB table: each detector's normalised score on the three profiles at its best threshold.
enum NABTable {
    static func print(directory: URL, kinds: [AnomalyDetectorKind]) throws {
        let corpus = try NABCorpus(directory: directory)
        let scorer = NABScorer(series: corpus.series)
        let windows = corpus.series.map(\.windows.count).reduce(0, +)
        Swift.print("NAB development split: \(corpus.series.count) series, \(windows) windows, scored by driftwatch's NAB scorer")
        Swift.print(header)
        for kind in kinds {
            let clock = ContinuousClock.now
            let scores = corpus.series.map { DetectorRun.scores(kind, values: $0.values, times: $0.times) }
            let seconds = (ContinuousClock.now - clock).fractionalSeconds
            try row(kind.rawValue, scores, scorer, corpus, note: String(format: "%.2f s", seconds))
        }
        Swift.print("NAB's published detectors on the same split, scored by the same scorer:")
        for detector in ["numenta", "relativeEntropy", "twitterADVec", "windowedGaussian"] {
            let scores = try corpus.publishedScores(of: detector)
            try row(detector, scores, scorer, corpus, note: "")
        }
    }

    private static let header = "detector              standard  low FP  low FN   threshold  windows  FP rows  time"

    private static func row(_ name: String, _ scores: [[Double]], _ scorer: NABScorer, _ corpus: NABCorpus, note: String) throws {
        let results = try corpus.profiles.map { try scorer.score(scores, profile: $0) }
        let standard = results[0]
        Swift.print(
            name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + results.map { String(format: "%8.2f", $0.normalized) }.joined()
                + String(format: "  %10.6f", standard.threshold)
                + "  \(standard.detectedWindows)/\(standard.windows)".padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%7d", standard.falsePositiveRows) + "  " + note)
    }
}
