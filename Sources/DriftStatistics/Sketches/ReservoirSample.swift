import Foundation

/// A uniform random sample of at most `capacity` items from a stream of any length, mergeable
/// across windows and nodes: the raw-value summary of a window for the tests that need values
/// (KS, Anderson–Darling, energy distance, MMD, …).
///
/// **Update.** Vitter's Algorithm R ("Random sampling with a reservoir", *ACM TOMS* 11(1),
/// 1985): the first `capacity` items are kept; the `n`-th item after that replaces a uniformly
/// chosen slot with probability `capacity/n`. After any number of items, every
/// `min(capacity, seenCount)`-subset of the stream is equally likely to be `items`.
///
/// **Merge.** The union of two streams of `nA` and `nB` items is sampled by drawing
/// `m = min(capacity, nA + nB)` items without replacement from an urn of `nA` "A" and `nB` "B"
/// items: the number `X` taken from A is hypergeometric. Then `X` items are chosen uniformly
/// from A's reservoir and `m − X` from B's. Since each reservoir is a uniform subset of its
/// stream, the result is a uniform `m`-subset of the union, and Algorithm R continues from it
/// with `seenCount = nA + nB`. Reservoirs of different capacities merge at the smaller capacity
/// (a larger sample cannot be recovered from a smaller one).
///
/// **Determinism.** The sample carries its own SplitMix64 generator (Steele, Lea & Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014) seeded at creation, so it is
/// a value type whose every result is reproducible: the same seed and the same items give the
/// same sample on every machine. Merging uses (and advances) the receiver's generator. Give
/// reservoirs that will be merged different seeds, or their choices are correlated.
///
/// Items are stored as given; for doubles, validate them before adding if a later statistic
/// requires finite values. The order of `items` carries no meaning.
public struct ReservoirSample<Element> {
    /// The most items kept.
    public private(set) var capacity: Int
    /// The sampled items, `min(capacity, seenCount)` of them.
    public private(set) var items: [Element]
    /// How many items the stream (or the union of merged streams) held.
    public private(set) var seenCount: Int
    private var generator: SplitMix64

    /// An empty reservoir.
    /// - Throws: `.invalidArgument(name: "capacity", …)` when `capacity < 1`.
    public init(capacity: Int, seed: UInt64) throws(DriftStatisticsError) {
        guard capacity >= 1 else {
            throw .invalidArgument(name: "capacity", reason: "must be at least 1, got \(capacity)")
        }
        self.capacity = capacity
        // Storage grows with the items (see `add(_:)`), not reserved up front: a server keeps a
        // reservoir per numeric field of every open window, most of which hold far fewer items
        // than `capacity` (10 000 doubles, 80 KB, by default).
        items = []
        seenCount = 0
        generator = SplitMix64(seed: seed)
    }

    /// Offers one item to the sample (Algorithm R).
    public mutating func add(_ item: Element) {
        add { item }
    }

    /// Offers one item that is built only if the sample keeps it: the same draws as `add(_:)`,
    /// for items that cost an allocation to build (a row of values) while most offers of a long
    /// stream are refused.
    @inline(__always)
    public mutating func add(making item: () -> Element) {
        seenCount += 1
        if items.count < capacity {
            if items.count == items.capacity {
                // Doubling, but never past `capacity`: a full reservoir holds no slack.
                items.reserveCapacity(Swift.min(capacity, Swift.max(16, 2 * items.count)))
            }
            items.append(item())
        } else {
            let slot = randomIndex(below: seenCount)
            if slot < capacity { items[slot] = item() }
        }
    }

    /// Offers every item of `newItems`, in order.
    public mutating func add<Items: Sequence>(contentsOf newItems: Items) where Items.Element == Element {
        for item in newItems { add(item) }
    }

    /// Replaces this sample by a uniform sample of the union of both streams, of capacity
    /// `min(capacity, other.capacity)`; see the type. Merging with an empty reservoir of no
    /// smaller capacity returns the other operand unchanged, bit for bit.
    public mutating func merge(_ other: ReservoirSample) {
        let mergedCapacity = Swift.min(capacity, other.capacity)
        if other.seenCount == 0, capacity == mergedCapacity { return }
        if seenCount == 0, other.capacity == mergedCapacity {
            self = other
            return
        }
        let draws = Swift.min(mergedCapacity, seenCount + other.seenCount)
        var remainingA = seenCount
        var remainingB = other.seenCount
        var fromA = 0
        for _ in 0..<draws {
            if randomIndex(below: remainingA + remainingB) < remainingA {
                fromA += 1
                remainingA -= 1
            } else {
                remainingB -= 1
            }
        }
        var merged = uniformSubset(of: items, count: fromA)
        merged += uniformSubset(of: other.items, count: draws - fromA)
        items = merged
        capacity = mergedCapacity
        seenCount += other.seenCount
    }

    /// This sample merged with `other`; see `merge(_:)`.
    public func merging(_ other: ReservoirSample) -> ReservoirSample {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// `count` items of `source` chosen uniformly without replacement (a partial Fisher–Yates
    /// shuffle), `count ≤ source.count`.
    private mutating func uniformSubset(of source: [Element], count: Int) -> [Element] {
        var pool = source
        for index in 0..<count {
            pool.swapAt(index, index + randomIndex(below: pool.count - index))
        }
        return Array(pool.prefix(count))
    }

    /// A uniform integer in `0..<bound`, `bound ≥ 1`, without modulo bias (Lemire, "Fast random
    /// integer generation in an interval", *ACM TOMACS* 29(1), 2019).
    private mutating func randomIndex(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = generator.next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}

extension ReservoirSample: Sendable where Element: Sendable {}

extension ReservoirSample: Equatable where Element: Equatable {}

extension ReservoirSample: Codable where Element: Codable {
    private enum CodingKeys: String, CodingKey { case capacity, items, itemsFloat64, rowWidth, seenCount, randomState }

    /// Decodes a persisted sample, rejecting a size that does not match `min(capacity, seenCount)`.
    /// Items come either as a JSON array (`items`) or, for doubles and rows of doubles, packed
    /// (`itemsFloat64`, with `rowWidth` for rows).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try container.decode(Int.self, forKey: .capacity)
        if let packed = try container.decodeIfPresent(String.self, forKey: .itemsFloat64) {
            let width = try container.decodeIfPresent(Int.self, forKey: .rowWidth)
            let unpacked: Any? = Self.unpackFloat64(packed).flatMap { values in
                guard let width else { return values }
                guard width >= 1, values.count % width == 0 else { return nil }
                return stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
            }
            guard let values = unpacked as? [Element] else {
                throw DecodingError.dataCorruptedError(
                    forKey: .itemsFloat64, in: container, debugDescription: "not base64 of little-endian float64 values of this element type")
            }
            items = values
        } else {
            items = try container.decode([Element].self, forKey: .items)
        }
        seenCount = try container.decode(Int.self, forKey: .seenCount)
        generator = SplitMix64(seed: try container.decode(UInt64.self, forKey: .randomState))
        guard capacity >= 1, seenCount >= 0, items.count == Swift.min(capacity, seenCount) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "inconsistent ReservoirSample state"))
        }
    }

    /// Doubles are written packed — base64 of their little-endian IEEE 754 bits under
    /// `itemsFloat64` — rather than as a JSON array: exact, and about 50 times cheaper to encode,
    /// which matters because a server saves every open window's reservoirs (10 000 values per
    /// numeric field by default) again and again. Rows of doubles of one width (a joint sample)
    /// are packed one after another, with the width under `rowWidth`. Other element types, and
    /// rows of unequal or zero width, are written as an array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        if let doubles = items as? [Double] {
            try container.encode(Self.packFloat64(doubles), forKey: .itemsFloat64)
        } else if let rows = items as? [[Double]], let width = rows.first?.count, width >= 1,
            rows.allSatisfy({ $0.count == width })
        {
            try container.encode(Self.packFloat64(rows.flatMap { $0 }), forKey: .itemsFloat64)
            try container.encode(width, forKey: .rowWidth)
        } else {
            try container.encode(items, forKey: .items)
        }
        try container.encode(seenCount, forKey: .seenCount)
        try container.encode(generator.state, forKey: .randomState)
    }

    private static func packFloat64(_ values: [Double]) -> String {
        var bytes = [UInt8](repeating: 0, count: values.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The doubles of a packed string, nil when it is not base64 of a whole number of doubles.
    private static func unpackFloat64(_ text: String) -> [Double]? {
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }
}
