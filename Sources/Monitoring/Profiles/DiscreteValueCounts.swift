/// Exact per-value counts of a numeric sample while it holds at most `limit` distinct values —
/// what Evidently's `auto` rule needs to tell a discrete numeric feature (≤ 5 distinct values,
/// tested as categories) from a continuous one, and what the categorical tests then count.
///
/// Once a (`limit` + 1)-th distinct value arrives the counts are dropped and `exceedsLimit` set:
/// from then on only "more than `limit` distinct values" is known. Merging is exact: the union of
/// two exact summaries is exact unless it exceeds the limit. Values are compared with `==`, so −0
/// and +0 are one value (the first seen is kept). Callers add finite values only.
public struct DiscreteValueCounts: Sendable, Equatable, Codable {
    /// Evidently treats a numeric column with at most 5 distinct values as categorical; one more
    /// is enough to know a sample is past that.
    public static let limit = 6

    /// The distinct values in order of first appearance; empty once `exceedsLimit`.
    public private(set) var values: [Double]
    /// `counts[i]` is the number of occurrences of `values[i]`.
    public private(set) var counts: [Int]
    /// Whether more than `limit` distinct values occurred.
    public private(set) var exceedsLimit: Bool

    public init() {
        values = []
        counts = []
        values.reserveCapacity(Self.limit)
        counts.reserveCapacity(Self.limit)
        exceedsLimit = false
    }

    /// The number of distinct values, or `limit + 1` once past the limit.
    public var distinctCount: Int { exceedsLimit ? Self.limit + 1 : values.count }

    /// The count of `value` (0 when absent); meaningful only while `!exceedsLimit`.
    public func count(of value: Double) -> Int {
        values.firstIndex(of: value).map { counts[$0] } ?? 0
    }

    /// Counts one finite value: a scan of at most `limit` values, no allocation.
    public mutating func add(_ value: Double) {
        if exceedsLimit { return }
        for index in values.indices where values[index] == value {
            counts[index] += 1
            return
        }
        append(value, count: 1)
    }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: DiscreteValueCounts) {
        if exceedsLimit { return }
        if other.exceedsLimit {
            markExceeded()
            return
        }
        for (value, count) in zip(other.values, other.counts) {
            if let index = values.firstIndex(of: value) {
                counts[index] += count
            } else {
                append(value, count: count)
                if exceedsLimit { return }
            }
        }
    }

    /// The union of both samples' counts; see `merge(_:)`.
    public func merging(_ other: DiscreteValueCounts) -> DiscreteValueCounts {
        var merged = self
        merged.merge(other)
        return merged
    }

    private enum CodingKeys: String, CodingKey { case values, counts, exceedsLimit }

    /// Decodes persisted counts, rejecting states no sample can produce: mismatched lengths,
    /// repeated or non-finite values, counts below 1, more than `limit` values, or values kept
    /// past the limit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([Double].self, forKey: .values)
        counts = try container.decode([Int].self, forKey: .counts)
        exceedsLimit = try container.decode(Bool.self, forKey: .exceedsLimit)
        let distinct = values.indices.allSatisfy { index in !values[..<index].contains(values[index]) }
        guard values.count == counts.count, values.count <= Self.limit, distinct,
              values.allSatisfy(\.isFinite), counts.allSatisfy({ $0 >= 1 }), !exceedsLimit || values.isEmpty
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent DiscreteValueCounts state"))
        }
    }

    private mutating func append(_ value: Double, count: Int) {
        if values.count == Self.limit {
            markExceeded()
            return
        }
        values.append(value)
        counts.append(count)
    }

    private mutating func markExceeded() {
        exceedsLimit = true
        values.removeAll()
        counts.removeAll()
    }
}
