/// The value of one histogram series: cumulative bucket counts, the sum and the count of observations.
///
/// Invariants (checked when the series joins a family, each a typed ``ExpositionError``):
/// - upper bounds strictly increase, are not NaN and not negative, and the last one is `+Inf`;
/// - cumulative counts never decrease, and the `+Inf` bucket equals `count`;
/// - `sum` is not NaN and not negative (`+Inf` after an infinite observation is allowed).
///
/// Counts are integers because OpenMetrics requires integral bucket and count values. Negative
/// bounds are refused because OpenMetrics forbids `_sum` beside negative buckets, and `_count`
/// without `_sum`; driftwatch observes durations and sizes, which are never negative.
public struct Histogram: Sendable, Equatable {
    public struct Bucket: Sendable, Equatable {
        /// The `le` bound: observations less than or equal to it are counted.
        public var upperBound: Double
        /// Observations at or below `upperBound` (cumulative).
        public var cumulativeCount: UInt64

        public init(upperBound: Double, cumulativeCount: UInt64) {
            self.upperBound = upperBound
            self.cumulativeCount = cumulativeCount
        }
    }

    /// In increasing `upperBound` order, the last with bound `+Inf`.
    public var buckets: [Bucket]
    public var sum: Double
    public var count: UInt64

    public init(buckets: [Bucket], sum: Double, count: UInt64) {
        self.buckets = buckets
        self.sum = sum
        self.count = count
    }

    /// Buckets from `(upperBound, cumulativeCount)` pairs.
    public init(cumulative pairs: [(Double, UInt64)], sum: Double, count: UInt64) {
        self.init(buckets: pairs.map { Bucket(upperBound: $0.0, cumulativeCount: $0.1) }, sum: sum, count: count)
    }

    func validate(metric: String) throws(ExpositionError) {
        var previousBound = -Double.infinity
        var previousCount: UInt64 = 0
        for (index, bucket) in buckets.enumerated() {
            if bucket.upperBound.isNaN || (index > 0 && !(bucket.upperBound > previousBound)) {
                throw .bucketBoundsNotIncreasing(metric: metric)
            }
            if bucket.upperBound < 0 { throw .negativeBucketBound(metric: metric) }
            if bucket.cumulativeCount < previousCount { throw .bucketCountsDecreasing(metric: metric) }
            previousBound = bucket.upperBound
            previousCount = bucket.cumulativeCount
        }
        guard let last = buckets.last, last.upperBound == .infinity else { throw .missingInfBucket(metric: metric) }
        if last.cumulativeCount != count {
            throw .infBucketCountMismatch(metric: metric, infBucket: last.cumulativeCount, count: count)
        }
        if sum.isNaN || sum < 0 { throw .invalidHistogramSum(metric: metric, value: PrometheusNumber.text(sum)) }
    }
}
