import Foundation

/// NAB v1.1's scoring of anomaly scores against labelled windows (Lavin & Ahmad, "Evaluating
/// Real-time Anomaly Detection Algorithms — the Numenta Anomaly Benchmark", 2015; the rules as
/// NAB's scorer applies them):
///
/// - Row i is a detection when its score is at or above the threshold θ. The first
///   ``NABSeries/probation`` rows of each series count for nothing.
/// - A window of rows L…R (width W) counts once: its earliest detection i earns
///   A_TP·σ(−(R−i+1)/W)/σ(−1) — A_TP at its first row, near 0 at its last — and a window with no
///   detection costs A_FN. σ(y) = 2/(1+e^{5y}) − 1, and −1 beyond y = 3.
/// - Every detection outside windows is a false positive: −A_FP before any window ended, else
///   A_FP·σ((i−R′)/(W′−1)) with R′, W′ the end and width of the latest window that ended before
///   it, so one right after a window costs almost nothing.
/// - θ is chosen in hindsight, one for all series: the best of 1.1 (nothing detected) and every
///   distinct post-probation score; on a tie the higher wins.
/// - normalised = 100·(S − S_null)/(S_perfect − S_null), S_perfect = A_TP per window and S_null
///   the score of NAB's null detector (a constant 0.5), which detecting nothing always beats.
public struct NABScorer: Sendable {
    /// What a scored row is worth when detected, for the sweep over thresholds.
    private enum Row {
        /// Inside window `window` (numbered across all series), earning `value` (a multiple of A_TP) if earliest.
        case window(Int, value: Double)
        /// Outside windows, costing `weight` times A_FP (a number in [-1, 0]).
        case falsePositive(weight: Double)
    }

    public let series: [NABSeries]
    private let rows: [[Row?]]
    private let windowCount: Int

    public init(series: [NABSeries]) {
        self.series = series
        var rows: [[Row?]] = []
        var windowCount = 0
        for file in series {
            var marks = [Row?](repeating: nil, count: file.values.count)
            var lastEnded: ClosedRange<Int>?
            var windowIndex = 0
            for row in file.probation..<file.values.count {
                while windowIndex < file.windows.count, file.windows[windowIndex].upperBound < row {
                    lastEnded = file.windows[windowIndex]
                    windowIndex += 1
                }
                if windowIndex < file.windows.count, file.windows[windowIndex].contains(row) {
                    let window = file.windows[windowIndex]
                    let width = Double(window.count)
                    let value = Self.sigmoid(-Double(window.upperBound - row + 1) / width) / Self.sigmoid(-1)
                    marks[row] = .window(windowCount + windowIndex, value: value)
                } else if let ended = lastEnded {
                    marks[row] = .falsePositive(weight: Self.sigmoid(Double(row - ended.upperBound) / Double(ended.count - 1)))
                } else {
                    marks[row] = .falsePositive(weight: -1)
                }
            }
            windowCount += file.windows.count
            rows.append(marks)
        }
        self.rows = rows
        self.windowCount = windowCount
    }

    /// NAB's scaled sigmoid.
    static func sigmoid(_ y: Double) -> Double {
        y > 3 ? -1 : 2 / (1 + exp(5 * y)) - 1
    }

    /// Scores `scores` (one array per series, one score per row) under `profile` at the best
    /// threshold.
    /// - Throws: a series whose score count differs from its rows, or a score outside [0, 1].
    public func score(_ scores: [[Double]], profile: NABProfile) throws(NABScoringError) -> NABScore {
        try check(scores)
        let threshold = bestThreshold(scores, profile: profile)
        var result = evaluate(scores, at: threshold, profile: profile)
        let null = series.map { [Double](repeating: 0.5, count: $0.values.count) }
        let nullRaw = max(
            evaluate(null, at: 0.5, profile: profile).raw, -profile.falseNegativeWeight * Double(windowCount))
        let perfect = profile.truePositiveWeight * Double(windowCount)
        result.normalized = 100 * (result.raw - nullRaw) / (perfect - nullRaw)
        return result
    }

    private func check(_ scores: [[Double]]) throws(NABScoringError) {
        guard scores.count == series.count else {
            throw NABScoringError("\(scores.count) score series for \(series.count) data series")
        }
        for (file, values) in zip(series, scores) {
            guard values.count == file.values.count else {
                throw NABScoringError("\(file.name): \(values.count) scores for \(file.values.count) rows")
            }
            if let row = values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw NABScoringError("\(file.name): row \(row + 1): score \(values[row]) is not in [0, 1]")
            }
        }
    }

    /// Lowers the threshold through every distinct scored value, keeping the raw score up to
    /// date: each window holds its earliest detection so far, each false positive adds its cost.
    private func bestThreshold(_ scores: [[Double]], profile: NABProfile) -> Double {
        var order: [(score: Double, file: Int, row: Int)] = []
        for (file, marks) in rows.enumerated() {
            for (row, mark) in marks.enumerated() where mark != nil { order.append((scores[file][row], file, row)) }
        }
        order.sort { $0.score > $1.score }
        var earliest = [Double?](repeating: nil, count: windowCount)
        var raw = -profile.falseNegativeWeight * Double(windowCount)
        var best = (raw: raw, threshold: 1.1)
        var index = 0
        while index < order.count {
            let value = order[index].score
            while index < order.count, order[index].score == value {
                switch rows[order[index].file][order[index].row] {
                case .window(let window, let earned):
                    let previous = earliest[window].map { $0 * profile.truePositiveWeight } ?? -profile.falseNegativeWeight
                    // Rows are not visited in order, so the earliest detection is the one earning most.
                    if earned > (earliest[window] ?? -.infinity) {
                        raw += earned * profile.truePositiveWeight - previous
                        earliest[window] = earned
                    }
                case .falsePositive(let weight):
                    raw += weight * profile.falsePositiveWeight
                case nil:
                    break
                }
                index += 1
            }
            if raw > best.raw { best = (raw, value) }
        }
        return best.threshold
    }

    /// The score at `threshold`, summed series by series in row order.
    private func evaluate(_ scores: [[Double]], at threshold: Double, profile: NABProfile) -> NABScore {
        var raw = 0.0
        var truePositives = 0
        var falsePositives = 0
        var detected = 0
        var perSeries: [Double] = []
        for (file, marks) in rows.enumerated() {
            var fileScore = 0.0
            var windowScore: [Int: Double] = [:]
            for (row, mark) in marks.enumerated() where scores[file][row] >= threshold {
                switch mark {
                case .window(let window, let earned):
                    truePositives += 1
                    if windowScore[window] == nil { windowScore[window] = earned * profile.truePositiveWeight }
                case .falsePositive(let weight):
                    falsePositives += 1
                    fileScore += weight * profile.falsePositiveWeight
                case nil:
                    break
                }
            }
            detected += windowScore.count
            fileScore += windowScore.values.reduce(0, +)
            fileScore -= profile.falseNegativeWeight * Double(series[file].windows.count - windowScore.count)
            raw += fileScore
            perSeries.append(fileScore)
        }
        return NABScore(
            profile: profile.name, normalized: 0, raw: raw, threshold: threshold, truePositiveRows: truePositives,
            falsePositiveRows: falsePositives, detectedWindows: detected, windows: windowCount, perSeries: perSeries)
    }
}
