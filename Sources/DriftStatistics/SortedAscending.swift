/// Sorting of doubles (finite in practice, infinities allowed), the hot path of every rank- and ECDF-based statistic.
///
/// Hand-written because the two-sample tests at a million rows per side spend most of their time
/// sorting, and the standard library's comparison sort is several times slower than the SIMD sort
/// numpy uses. The sort distributes values into up to 2^11 buckets by linear interpolation between
/// the minimum and the maximum, recurses into every bucket still larger than 32 values (with that
/// bucket's own minimum and maximum, so clusters and far outliers get re-spread) and finishes with
/// an insertion sort, which only has to order the few values sharing a bucket. A real sample is
/// smooth enough that one scatter over the whole array plus work inside cache-sized buckets sorts
/// it: about 3× faster than the six-pass LSD radix sort this replaced (whose scattered stores over
/// the whole array dominated), within 2× of numpy's AVX-512 `np.sort`. Where linear buckets
/// fail (heavy tails, infinities, a range that overflows) a level buckets on the leading bits of
/// order-preserving integer keys instead, which is logarithmic in magnitude; a region that stays
/// badly spread after three levels goes to that LSD radix sort, linear whatever the values.
/// Measured in `Benchmarks/` (README, "Performance").
extension Array where Element == Double {
    /// The values in ascending order. NaN must not be present (callers validate first; a NaN
    /// leaves the order unspecified but is memory-safe); `-0.0` sorts before `+0.0`.
    package func sortedAscending() -> [Double] {
        let n = count
        if n < 2 { return self }
        return [Double](unsafeUninitializedCapacity: n) { output, initialized in
            self.withUnsafeBufferPointer { input in
                guard let source = input.baseAddress, let destination = output.baseAddress else { return }
                SpreadSort.sort(source, into: destination, count: n)
                initialized = n
            }
        }
    }
}

private enum SpreadSort {
    /// Buckets at or below this size are left to the final insertion sort.
    static let insertionLimit = 32
    /// 2^11 buckets: level-one scattering into more streams than this costs more than it saves.
    static let maximumBucketBits = 11
    static let maximumDepth = 8
    /// Levels whose largest bucket keeps most of the values (far outliers, several scales) are
    /// re-spread this many times before the region goes to the radix sort.
    static let maximumPoorSpreads = 2

    /// The number of bucket bits for `m` values: about two buckets a value, at most 2^11.
    @inline(__always)
    static func bucketBits(_ m: Int) -> Int {
        var bits = 4
        while bits < maximumBucketBits && (1 << bits) < 2 * m { bits += 1 }
        return bits
    }

    static func sort(_ source: UnsafePointer<Double>, into destination: UnsafeMutablePointer<Double>, count n: Int) {
        if n <= insertionLimit {
            destination.update(from: source, count: n)
            insertionSort(destination, count: n)
        } else {
            // One bucket table per level (plus one for trying key buckets), none larger than the top's.
            let stride = 1 << bucketBits(n)
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: stride * (maximumDepth + 1))
            defer { counts.deallocate() }
            sort(source, into: destination, count: n, scratch: nil, counts: counts, stride: stride, depth: 0, poorSpreads: 0)
        }
        orderSignedZeros(destination, count: n)
    }

    /// Writes `source[0..<m]` in ascending order to `destination`. `scratch`, when given, holds at
    /// least `m` values and may alias `source` (which is dead once scattered); the top level passes
    /// nil and allocates only as much as its largest bucket needs.
    static func sort(
        _ source: UnsafePointer<Double>, into destination: UnsafeMutablePointer<Double>, count m: Int,
        scratch: UnsafeMutablePointer<Double>?, counts: UnsafeMutablePointer<Int>, stride: Int, depth: Int,
        poorSpreads: Int
    ) {
        if m <= insertionLimit {
            destination.update(from: source, count: m)
            insertionSort(destination, count: m)
            return
        }
        let (minimum, maximum) = extremes(source, count: m)
        let range = maximum - minimum
        // Equal values (or signed zeros, ordered afterwards; or a NaN, unspecified) need no work.
        if !(range > 0) {
            destination.update(from: source, count: m)
            return
        }
        let bits = bucketBits(m)
        if depth >= maximumDepth || poorSpreads > maximumPoorSpreads {
            RadixSort.sort(source, into: destination, count: m)
            return
        }
        let buckets = 1 << bits
        let mask = UInt64(buckets - 1)
        let offsets = counts + depth * stride
        let scale = Double(buckets - 1) / range
        var largest = Int.max
        if range.isFinite && scale.isFinite {
            // Rounding (x - minimum) * scale to the nearest integer through the 2^52 mantissa trick
            // is monotone in x and lands in 0...buckets-1 (the product is at most buckets-1 plus an
            // ulp); the mask keeps even a NaN's index inside the table.
            offsets.initialize(repeating: 0, count: buckets)
            for index in 0..<m {
                let bucket = Int(truncatingIfNeeded: ((source[index] - minimum) * scale + 0x1p52).bitPattern & mask)
                offsets[bucket] &+= 1
            }
            largest = prefixSums(offsets, count: buckets)
        }
        // Linear buckets fail on values spread over many binades (heavy tails, infinities, a range
        // that overflows): most values share a bucket. Buckets on the leading bits of the ordered
        // integer keys are logarithmic in magnitude and spread those; keep whichever is better.
        let minimumKey = RadixSort.key((minimum == 0 ? -0.0 : minimum).bitPattern)
        let keySpan = RadixSort.key((maximum == 0 ? 0.0 : maximum).bitPattern) &- minimumKey
        let keyShift = UInt64(Swift.max(0, (UInt64.bitWidth - keySpan.leadingZeroBitCount) - bits))
        var byKey = false
        if largest > m / 2 {
            let keyOffsets = counts + (depth + 1) * stride
            keyOffsets.initialize(repeating: 0, count: buckets)
            let keys = UnsafeRawPointer(source).assumingMemoryBound(to: UInt64.self)
            for index in 0..<m {
                let bucket = Int(truncatingIfNeeded: ((RadixSort.key(keys[index]) &- minimumKey) &>> keyShift) & mask)
                keyOffsets[bucket] &+= 1
            }
            let keyLargest = prefixSums(keyOffsets, count: buckets)
            if keyLargest < largest {
                offsets.update(from: keyOffsets, count: buckets)
                largest = keyLargest
                byKey = true
            }
        }
        if byKey {
            let keys = UnsafeRawPointer(source).assumingMemoryBound(to: UInt64.self)
            for index in 0..<m {
                let value = source[index]
                let bucket = Int(truncatingIfNeeded: ((RadixSort.key(keys[index]) &- minimumKey) &>> keyShift) & mask)
                let slot = offsets[bucket]
                destination[slot] = value
                offsets[bucket] = slot &+ 1
            }
        } else {
            for index in 0..<m {
                let value = source[index]
                let bucket = Int(truncatingIfNeeded: ((value - minimum) * scale + 0x1p52).bitPattern & mask)
                let slot = offsets[bucket]
                destination[slot] = value
                offsets[bucket] = slot &+ 1
            }
        }
        if largest > insertionLimit {
            let poor = largest > m / 2 ? poorSpreads + 1 : poorSpreads
            let buffer = scratch ?? UnsafeMutablePointer<Double>.allocate(capacity: largest)
            var start = 0
            for bucket in 0..<buckets {
                let end = offsets[bucket]
                let size = end &- start
                if size > insertionLimit {
                    buffer.update(from: destination + start, count: size)
                    sort(
                        buffer, into: destination + start, count: size, scratch: buffer, counts: counts, stride: stride,
                        depth: depth + 1, poorSpreads: poor
                    )
                }
                start = end
            }
            if scratch == nil { buffer.deallocate() }
        }
        insertionSort(destination, count: m)
    }

    /// Turns bucket sizes into start offsets; returns the largest size.
    @inline(__always)
    static func prefixSums(_ offsets: UnsafeMutablePointer<Int>, count buckets: Int) -> Int {
        var running = 0
        var largest = 0
        for bucket in 0..<buckets {
            let size = offsets[bucket]
            offsets[bucket] = running
            running &+= size
            largest = Swift.max(largest, size)
        }
        return largest
    }

    /// Four independent minimum/maximum chains so the comparisons pipeline.
    @inline(__always)
    static func extremes(_ values: UnsafePointer<Double>, count m: Int) -> (Double, Double) {
        var low0 = values[0], low1 = low0, low2 = low0, low3 = low0
        var high0 = low0, high1 = low0, high2 = low0, high3 = low0
        var index = 0
        while index &+ 4 <= m {
            let a = values[index], b = values[index &+ 1], c = values[index &+ 2], d = values[index &+ 3]
            low0 = a < low0 ? a : low0; high0 = a > high0 ? a : high0
            low1 = b < low1 ? b : low1; high1 = b > high1 ? b : high1
            low2 = c < low2 ? c : low2; high2 = c > high2 ? c : high2
            low3 = d < low3 ? d : low3; high3 = d > high3 ? d : high3
            index &+= 4
        }
        while index < m {
            let a = values[index]
            low0 = a < low0 ? a : low0; high0 = a > high0 ? a : high0
            index &+= 1
        }
        low0 = low1 < low0 ? low1 : low0; low2 = low3 < low2 ? low3 : low2
        high0 = high1 > high0 ? high1 : high0; high2 = high3 > high2 ? high3 : high2
        return (low2 < low0 ? low2 : low0, high2 > high0 ? high2 : high0)
    }

    /// Cheap here because every value already sits in its own bucket or among a few neighbours.
    @inline(__always)
    static func insertionSort(_ values: UnsafeMutablePointer<Double>, count m: Int) {
        var index = 1
        while index < m {
            let value = values[index]
            var slot = index
            while slot > 0 && value < values[slot &- 1] {
                values[slot] = values[slot &- 1]
                slot &-= 1
            }
            values[slot] = value
            index &+= 1
        }
    }

    /// Comparisons see `-0.0 == +0.0`, so a run of zeros may come out mixed; rewrite it with the
    /// negative zeros first so the output is exactly ordered.
    static func orderSignedZeros(_ values: UnsafeMutablePointer<Double>, count n: Int) {
        let low = UnsafeMutableBufferPointer(start: values, count: n).countBelow(0)
        var end = low
        var negativeZeros = 0
        while end < n && values[end] == 0 {
            if values[end].sign == .minus { negativeZeros += 1 }
            end += 1
        }
        for index in low..<end { values[index] = index - low < negativeZeros ? -0.0 : 0.0 }
    }
}

/// The fallback: LSD radix sort on integer keys whose unsigned order is the doubles' order, six
/// passes of 11 bits, all histograms taken in one read, and a pass skipped when every key shares
/// its digit.
private enum RadixSort {
    static let digitBits = 11
    static let passes = 6
    static let buckets = 1 << digitBits

    /// Positives get the sign bit set; negatives map to `0xFFF0… - bits`, which reverses their
    /// order and puts `-0.0` just below `+0.0`. Unlike `~bits` this keeps trailing zero mantissa
    /// bits zero, so passes over the low digits of short decimals are skipped for both signs.
    @inline(__always)
    static func key(_ bits: UInt64) -> UInt64 {
        bits & 0x8000_0000_0000_0000 == 0 ? bits | 0x8000_0000_0000_0000 : 0xFFF0_0000_0000_0000 &- bits
    }

    @inline(__always)
    static func bits(_ key: UInt64) -> UInt64 {
        key & 0x8000_0000_0000_0000 != 0 ? key & 0x7FFF_FFFF_FFFF_FFFF : 0xFFF0_0000_0000_0000 &- key
    }

    static func sort(_ values: UnsafePointer<Double>, into destination: UnsafeMutablePointer<Double>, count m: Int) {
        let mask = UInt64(buckets - 1)
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: buckets * passes)
        defer { histograms.deallocate() }
        histograms.initialize(repeating: 0, count: buckets * passes)
        let source = UnsafeRawPointer(values).assumingMemoryBound(to: UInt64.self)
        for index in 0..<m {
            var shifted = key(source[index])
            for pass in 0..<passes {
                histograms[pass * buckets + Int(truncatingIfNeeded: shifted & mask)] &+= 1
                shifted &>>= UInt64(digitBits)
            }
        }
        let firstKey = key(source[0])
        var active: [Int] = []
        for pass in 0..<passes {
            let digit = Int(truncatingIfNeeded: (firstKey &>> UInt64(pass * digitBits)) & mask)
            if histograms[pass * buckets + digit] != m { active.append(pass) }
        }
        let output = UnsafeMutableRawPointer(destination).assumingMemoryBound(to: UInt64.self)
        if active.isEmpty {
            output.update(from: source, count: m)
            return
        }
        // Ping-pong between the output and one scratch buffer, starting on whichever makes the
        // last pass land in the output; the first pass reads the input and makes keys, the last
        // writes the doubles back.
        let scratch = active.count > 1 ? UnsafeMutablePointer<UInt64>.allocate(capacity: m) : output
        defer { if active.count > 1 { scratch.deallocate() } }
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: buckets)
        defer { offsets.deallocate() }
        var from = source
        for (step, pass) in active.enumerated() {
            let to = (active.count - 1 - step) % 2 == 0 ? output : scratch
            var running = 0
            for digit in 0..<buckets {
                offsets[digit] = running
                running &+= histograms[pass * buckets + digit]
            }
            let shift = UInt64(pass * digitBits)
            let first = step == 0
            let last = step == active.count - 1
            for index in 0..<m {
                let raw = from[index]
                let sortKey = first ? key(raw) : raw
                let digit = Int(truncatingIfNeeded: (sortKey &>> shift) & mask)
                let slot = offsets[digit]
                to[slot] = last ? bits(sortKey) : sortKey
                offsets[digit] = slot &+ 1
            }
            from = UnsafePointer(to)
        }
    }
}
