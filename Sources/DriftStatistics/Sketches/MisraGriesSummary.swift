/// A bounded summary of which names occur most often in a stream, with counts that are never
/// too high and too low by a known bound: the Misra–Gries "frequent items" summary with
/// `capacity` counters (Misra & Gries, "Finding repeated elements", *Science of Computer
/// Programming* 2(2), 1982), made mergeable as in Agarwal, Cormode, Huang, Phillips, Wei & Yi,
/// "Mergeable summaries", PODS 2012 (§3; *ACM TODS* 38(4), 2013).
///
/// **Update.** A tracked name's counter goes up by one; an untracked name takes a free counter
/// with count 1; when all `capacity` counters are taken, every counter goes down by one
/// (counters reaching zero are freed) and the new name is not recorded.
///
/// **Merge.** Counters of the same name are added; if more than `capacity` remain, the
/// (`capacity`+1)-th largest count is subtracted from all of them and only positive counters are
/// kept. Summaries of different capacities merge at the smaller capacity.
///
/// **Guarantee.** For every name `x` with true count `f(x)` in all the values ever added to this
/// summary or to summaries merged into it, with `N = total` and `M` the sum of the counters:
/// `estimate(x) ≤ f(x) ≤ estimate(x) + maximumUndercount`, where
/// `maximumUndercount = ⌊(N − M) / (capacity + 1)⌋ ≤ N / (capacity + 1)` (Agarwal et al.,
/// Lemma 3.1 with k = capacity). Each decrement step, or each merge subtracting `c`, lowers any
/// one count by at most 1 (or `c`) while removing at least `capacity + 1` (or
/// `(capacity + 1)·c`) from the untracked mass `N − M`. Hence every name occurring more than
/// `N / (capacity + 1)` times is tracked. While at most `capacity` distinct names occur, nothing is
/// ever decremented and the counts are exact.
public struct MisraGriesSummary: Sendable, Equatable, Codable {
    /// The most names tracked at once (the "k" of Misra–Gries).
    public let capacity: Int
    /// The tracked names and their counts, each positive; at most `capacity` of them.
    public private(set) var counters: [String: Int]
    /// How many values were added, tracked or not.
    public private(set) var total: Int

    /// An empty summary with room for `capacity` names (20 by default).
    /// - Throws: `.invalidArgument(name: "capacity", …)` when `capacity < 1`.
    public init(capacity: Int = 20) throws(DriftStatisticsError) {
        guard capacity >= 1 else {
            throw .invalidArgument(name: "capacity", reason: "must be at least 1, got \(capacity)")
        }
        self.capacity = capacity
        counters = [:]
        total = 0
    }

    /// The lower bound on the count of `name` (0 when it is not tracked).
    public func estimate(of name: String) -> Int { counters[name] ?? 0 }

    /// The largest amount by which `estimate(of:)` can fall short of a true count; see the type.
    public var maximumUndercount: Int { (total - counters.values.reduce(0, +)) / (capacity + 1) }

    /// The tracked names, the largest count first and ties by name, so the order is
    /// deterministic.
    public var ranked: [(name: String, count: Int)] {
        counters.map { (name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    /// Adds one occurrence of `name`.
    public mutating func add(_ name: String) {
        total += 1
        if let count = counters[name] {
            counters[name] = count + 1
        } else if counters.count < capacity {
            counters[name] = 1
        } else {
            counters = counters.compactMapValues { $0 > 1 ? $0 - 1 : nil }
        }
    }

    /// Merges `other` into this summary (Agarwal et al. 2012, §3); the result has capacity
    /// `min(capacity, other.capacity)` and keeps the guarantee for the union of both streams.
    public mutating func merge(_ other: MisraGriesSummary) {
        var combined = counters
        for (name, count) in other.counters { combined[name, default: 0] += count }
        let mergedCapacity = Swift.min(capacity, other.capacity)
        if combined.count > mergedCapacity {
            let threshold = combined.values.sorted(by: >)[mergedCapacity]
            combined = combined.compactMapValues { $0 > threshold ? $0 - threshold : nil }
        }
        self = MisraGriesSummary(capacity: mergedCapacity, counters: combined, total: total + other.total)
    }

    /// This summary merged with `other`; see `merge(_:)`.
    public func merging(_ other: MisraGriesSummary) -> MisraGriesSummary {
        var merged = self
        merged.merge(other)
        return merged
    }

    private init(capacity: Int, counters: [String: Int], total: Int) {
        self.capacity = capacity
        self.counters = counters
        self.total = total
    }

    private enum CodingKeys: String, CodingKey { case capacity, counters, total }

    /// Decodes a persisted summary, rejecting states no stream can produce.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try container.decode(Int.self, forKey: .capacity)
        counters = try container.decode([String: Int].self, forKey: .counters)
        total = try container.decode(Int.self, forKey: .total)
        guard capacity >= 1, counters.count <= capacity, counters.values.allSatisfy({ $0 > 0 }),
              counters.values.reduce(0, +) <= total
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "inconsistent MisraGriesSummary state"))
        }
    }
}
