/// Sorting of finite doubles, the hot path of every rank- and ECDF-based statistic.
///
/// Hand-written because the two-sample tests at a million rows per side spend most of their time
/// sorting, and the standard library's comparison sort is several times slower than the SIMD sort
/// numpy uses; an LSD radix sort on order-preserving integer keys runs in linear time. Measured in
/// `Benchmarks/` (README, "Performance").
extension Array where Element == Double {
    /// The values in ascending order. NaN must not be present (callers validate first);
    /// `-0.0` sorts before `+0.0`, which compare equal, so no statistic can tell.
    package func sortedAscending() -> [Double] {
        if count < 512 { return sorted() }
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            self.withUnsafeBufferPointer { source in
                for index in 0..<source.count { buffer[index] = orderedKey(source[index]) }
            }
            initialized = count
        }
        radixSortKeys(&keys)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            keys.withUnsafeBufferPointer { sortedKeys in
                for index in 0..<sortedKeys.count { buffer[index] = valueOfOrderedKey(sortedKeys[index]) }
            }
            initialized = keys.count
        }
    }
}

/// Six passes of 11 bits; all histograms are taken in one read, and a pass whose digit is the
/// same for every key (common in the exponent bits) is skipped.
private func radixSortKeys(_ keys: inout [UInt64]) {
    let radixBits = 11
    let buckets = 1 << radixBits
    let passes = 6
    var histograms = [Int](repeating: 0, count: buckets * passes)
    let n = keys.count
    keys.withUnsafeBufferPointer { source in
        histograms.withUnsafeMutableBufferPointer { counts in
            for key in source {
                var shifted = key
                for pass in 0..<passes {
                    counts[pass * buckets + Int(shifted & UInt64(buckets - 1))] += 1
                    shifted >>= UInt64(radixBits)
                }
            }
        }
    }
    var scratch = [UInt64](repeating: 0, count: n)
    for pass in 0..<passes {
        let base = pass * buckets
        let firstDigit = Int((keys[0] >> UInt64(pass * radixBits)) & UInt64(buckets - 1))
        if histograms[base + firstDigit] == n { continue }
        var offsets = [Int](repeating: 0, count: buckets)
        var running = 0
        for digit in 0..<buckets {
            offsets[digit] = running
            running += histograms[base + digit]
        }
        let shift = UInt64(pass * radixBits)
        keys.withUnsafeBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { destination in
                offsets.withUnsafeMutableBufferPointer { next in
                    for key in source {
                        let digit = Int((key >> shift) & UInt64(buckets - 1))
                        destination[next[digit]] = key
                        next[digit] += 1
                    }
                }
            }
        }
        swap(&keys, &scratch)
    }
}
