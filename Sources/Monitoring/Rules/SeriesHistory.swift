/// Series with samples at fixed steps, read at an instant as Prometheus reads stored samples: the
/// latest sample at or before the instant and at most the lookback (5 minutes) before it — the
/// bound included, as in Prometheus 2.x (3.x leaves it out) — unless a staleness marker came
/// after it. What `driftwatch rules test` evaluates rules over, so its
/// answers match `promtool test rules` on the same input.
public struct SeriesHistory: Sendable {
    /// Prometheus' default `--query.lookback-delta`.
    public static let lookback: Double = 300

    public struct Series: Sendable {
        public let labels: SeriesLabels
        /// One point per step, from time 0.
        public let points: [SeriesValuesNotation.Point]

        public init(labels: SeriesLabels, points: [SeriesValuesNotation.Point]) {
            self.labels = labels
            self.points = points
        }
    }

    public let series: [Series]
    /// Seconds between two points.
    public let step: Double

    public init(series: [Series], step: Double) {
        self.series = series
        self.step = step
    }

    /// The samples visible at `time` (seconds from the first point).
    public func snapshot(at time: Double) -> SeriesSnapshot {
        var samples: [RuleSample] = []
        for entry in series {
            var index = min(Int((time / step).rounded(.down)), entry.points.count - 1)
            while index >= 0, time - Double(index) * step <= Self.lookback {
                switch entry.points[index] {
                case .sample(let value):
                    samples.append(RuleSample(labels: entry.labels, value: value))
                case .stale:
                    break
                case .missing:
                    index -= 1
                    continue
                }
                break
            }
        }
        return SeriesSnapshot(samples)
    }
}
