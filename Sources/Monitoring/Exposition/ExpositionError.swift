/// Why a family or a series cannot join an exposition. ``MetricSet`` and ``MetricFamily`` throw it
/// before changing anything, so a refused sample never leaves a half-built family behind.
///
/// Values appear as their exposition spelling (`NaN`, `-1`) so the error stays `Equatable`.
public enum ExpositionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    case invalidMetricName(String)
    /// A counter's name does not end in `_total` after a non-empty stem.
    case invalidCounterName(String)
    /// The unit is not `[a-zA-Z0-9_:]+`, or the family name does not end in `_<unit>`.
    case invalidUnit(metric: String, unit: String)
    /// The family exists with another type.
    case typeMismatch(metric: String, existing: MetricType, added: MetricType)
    /// The family exists with another help text.
    case helpMismatch(metric: String, existing: String, added: String)
    /// The family exists with another unit.
    case unitMismatch(metric: String, existing: String?, added: String?)
    /// Two families would write or reserve the same sample name (`name`).
    case nameClash(metric: String, other: String, name: String)
    /// Not `[a-zA-Z_][a-zA-Z0-9_]*`.
    case invalidLabelName(metric: String, label: String)
    /// Starts with `_` (reserved by Prometheus for `__` and by OpenMetrics for `_`), or is `le` on a
    /// histogram, whose writer adds `le` itself.
    case reservedLabelName(metric: String, label: String)
    /// One series names a label twice.
    case repeatedLabelName(metric: String, label: String)
    /// The family already holds a series with this label set (`labels` as written in 0.0.4).
    case duplicateSeries(metric: String, labels: String)
    /// A histogram value on a non-histogram family, or a number on a histogram family.
    case valueDoesNotMatchType(metric: String, type: MetricType)
    /// A counter value that is negative, NaN or infinite.
    case invalidCounterValue(metric: String, value: String)
    case missingInfBucket(metric: String)
    /// Bucket bounds that repeat, go down or are NaN.
    case bucketBoundsNotIncreasing(metric: String)
    case negativeBucketBound(metric: String)
    /// Cumulative counts that go down from one bucket to the next.
    case bucketCountsDecreasing(metric: String)
    case infBucketCountMismatch(metric: String, infBucket: UInt64, count: UInt64)
    /// A histogram sum that is NaN or negative.
    case invalidHistogramSum(metric: String, value: String)

    public var description: String {
        switch self {
        case .invalidMetricName(let name):
            return "'\(name)' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)"
        case .invalidCounterName(let name):
            return "counter '\(name)': counter names end in '_total' after a non-empty stem"
        case let .invalidUnit(metric, unit):
            return "'\(metric)': unit '\(unit)' must be [a-zA-Z0-9_:]+ and the family name must end in '_\(unit)'"
        case let .typeMismatch(metric, existing, added):
            return "'\(metric)' is a \(existing); cannot add a \(added) sample to it"
        case let .helpMismatch(metric, existing, added):
            return "'\(metric)' has help '\(existing)'; cannot add a sample with help '\(added)'"
        case let .unitMismatch(metric, existing, added):
            return "'\(metric)' has unit '\(existing ?? "")'; cannot add a sample with unit '\(added ?? "")'"
        case let .nameClash(metric, other, name):
            return "'\(metric)' and '\(other)' both claim the sample name '\(name)'"
        case let .invalidLabelName(metric, label):
            return "'\(metric)': '\(label)' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)"
        case let .reservedLabelName(metric, label):
            return "'\(metric)': label name '\(label)' is reserved"
        case let .repeatedLabelName(metric, label):
            return "'\(metric)': label '\(label)' appears twice in one series"
        case let .duplicateSeries(metric, labels):
            return "'\(metric)' already has the series \(labels)"
        case let .valueDoesNotMatchType(metric, type):
            return "'\(metric)' is a \(type); the value is of another kind"
        case let .invalidCounterValue(metric, value):
            return "counter '\(metric)': value \(value) is not finite and non-negative"
        case .missingInfBucket(let metric):
            return "histogram '\(metric)': the last bucket must have le=\"+Inf\""
        case .bucketBoundsNotIncreasing(let metric):
            return "histogram '\(metric)': bucket bounds must strictly increase"
        case .negativeBucketBound(let metric):
            return "histogram '\(metric)': negative bucket bounds are not supported"
        case .bucketCountsDecreasing(let metric):
            return "histogram '\(metric)': cumulative bucket counts must not decrease"
        case let .infBucketCountMismatch(metric, infBucket, count):
            return "histogram '\(metric)': the +Inf bucket (\(infBucket)) must equal the count (\(count))"
        case let .invalidHistogramSum(metric, value):
            return "histogram '\(metric)': sum \(value) must not be NaN or negative"
        }
    }
}
