import Foundation
import NABScoring
import Testing

@Suite struct NABScorerTests {
    private static let standard = NABProfile(name: "standard", truePositiveWeight: 1, falsePositiveWeight: 0.11, falseNegativeWeight: 1)

    /// 100 rows (15 of probation) with one window on rows 40…49; `detections` maps rows to scores.
    private func score(_ detections: [Int: Double], profile: NABProfile = standard) throws -> NABScore {
        let series = NABSeries(
            name: "t/x.csv", timestamps: (0..<100).map { "row \($0)" }, times: (0..<100).map(Double.init),
            values: [Double](repeating: 1, count: 100), windows: [40...49])
        var scores = [Double](repeating: 0, count: 100)
        for (row, value) in detections { scores[row] = value }
        return try NABScorer(series: [series]).score([scores], profile: profile)
    }

    @Test func aWindowEarnsMostAtItsFirstRowAndCountsOnce() throws {
        let first = try score([40: 1, 41: 1, 45: 1])
        #expect(first.raw == 1 && first.normalized == 100 && first.truePositiveRows == 3 && first.detectedWindows == 1)
        let last = try score([49: 1])
        #expect(abs(last.raw - 0.24824154977542992) < 1e-15)
        let none = try score([:])
        #expect(none.raw == -1 && none.normalized == 0 && none.threshold == 1.1)
    }

    @Test func falsePositivesCostLessRightAfterAWindowAndProbationCountsForNothing() throws {
        let before = try score([20: 1, 40: 1])
        #expect(abs(before.raw - 0.89) < 1e-15 && before.falsePositiveRows == 1)
        let after = try score([40: 1, 50: 1])
        #expect(abs(after.raw - (1 - 0.029793183036839352)) < 1e-15)
        let probation = try score([10: 1, 40: 1])
        #expect(probation.raw == 1 && probation.falsePositiveRows == 0)
    }

    @Test func theBestThresholdWinsAndATieGoesToTheHigherOne() throws {
        // Lowering to 0.8 adds a false positive: 0.9 is best.
        let costly = try score([40: 0.9, 20: 0.8])
        #expect(costly.threshold == 0.9 && costly.raw == 1)
        // Lowering to 0.8 adds a later detection in the same window: the same score, so 0.9.
        let tie = try score([40: 0.9, 41: 0.8])
        #expect(tie.threshold == 0.9 && tie.truePositiveRows == 1)
        // A false positive is worth it when it comes with an earlier detection.
        let worth = try score([45: 0.9, 40: 0.8, 20: 0.8])
        #expect(worth.threshold == 0.8 && abs(worth.raw - 0.89) < 1e-15)
    }

    @Test func scoresOutsideTheUnitIntervalOrOfTheWrongCountAreRefused() throws {
        #expect(throws: NABScoringError("t/x.csv: row 31: score 1.5 is not in [0, 1]")) { try score([30: 1.5]) }
        #expect(throws: NABScoringError("t/x.csv: row 31: score nan is not in [0, 1]")) { try score([30: .nan]) }
        let series = NABFixture.corpus.series
        #expect(throws: NABScoringError("\(series[0].name): 3 scores for \(series[0].values.count) rows")) {
            try NABScorer(series: series).score([[0, 0, 0]] + series.dropFirst().map { $0.values.map { _ in 0 } }, profile: Self.standard)
        }
    }

    /// NAB's own scorer's results for its published detectors on this split, reproduced: the
    /// threshold, the raw score to 1e-9, the normalised score, the detected rows, and each file's
    /// share.
    @Test(arguments: ["numenta", "relativeEntropy", "twitterADVec", "windowedGaussian", "null"])
    func reproducesTheOfficialScores(detector: String) throws {
        let corpus = NABFixture.corpus
        let scorer = NABScorer(series: corpus.series)
        let scores = try NABFixture.scores(of: detector)
        let official = try NABFixture.table("dev_official_scores.csv").filter { $0["detector"] == detector }
        let perFile = try NABFixture.table("dev_official_per_file_scores.csv").filter { $0["detector"] == detector }
        #expect(official.count == 3)
        for profile in corpus.profiles {
            let row = try #require(official.first { $0["profile"] == profile.name })
            let result = try scorer.score(scores, profile: profile)
            #expect(result.threshold == Double(row["threshold"] ?? ""), "\(profile.name)")
            #expect(abs(result.raw - (Double(row["raw_score"] ?? "") ?? .nan)) < 1e-9, "\(profile.name): \(result.raw)")
            #expect(abs(result.normalized - (Double(row["normalized"] ?? "") ?? .nan)) < 1e-9, "\(profile.name): \(result.normalized)")
            #expect(result.truePositiveRows == Int(row["tp_rows"] ?? "") && result.falsePositiveRows == Int(row["fp_rows"] ?? ""))
            for (series, share) in zip(corpus.series, result.perSeries) {
                let file = try #require(perFile.first { $0["profile"] == profile.name && $0["file"] == series.name })
                #expect(abs(share - (Double(file["score"] ?? "") ?? .nan)) < 1e-9, "\(profile.name) \(series.name)")
            }
        }
    }
}
