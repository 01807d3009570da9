import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two-sample Kolmogorov–Smirnov test of whether `reference` and `current` come from one
/// continuous distribution: `scipy.stats.ks_2samp(reference, current, alternative='two-sided',
/// method='auto')`.
///
/// The statistic is D = supₓ |F_ref(x) − F_cur(x)|, each empirical cdf counting the values ≤ x
/// (so tied values step together, as SciPy's `searchsorted(side='right')` on the pooled data),
/// evaluated as `count_ref/n_ref − count_cur/n_cur` in double precision exactly as SciPy forms it.
/// The p-value is P(D ≥ observed) under the null, chosen as SciPy's `auto` mode does:
/// - max(n_ref, n_cur) ≤ 10 000: the exact distribution
///   (`KolmogorovSmirnovTwoSampleDistribution`). D is first snapped to h/lcm(n_ref, n_cur) with h
///   the nearest integer, and that snapped value is the returned statistic, as in SciPy. If the
///   exact computation reports failure (its probability rounds outside [0, 1], which happens
///   e.g. when D = 1/n for equal sizes n), SciPy's fallback is taken: the asymptotic p-value at
///   the snapped D.
/// - larger samples: the asymptotic p-value `kstwo.sf(D, round(n_ref·n_cur/(n_ref + n_cur)))`
///   (`KolmogorovSmirnovOneSampleDistribution`), with the rounding half to even as numpy's.
/// The p-value is clipped to [0, 1]; it underflows to 0 for complete separation of large samples.
///
/// Cost: two linear-time radix sorts and a linear merge walk (both spread over two or more
/// threads at large sizes), then the distribution; the asymptotic path does no quadratic work,
/// and its Smirnov sum, O(n) terms for effective sizes n up to 10⁶, is also computed in parallel.
///
/// Edge cases: an empty sample throws `.emptySample`; NaN or ±Inf throws `.nonFiniteValue`
/// (callers remove missing values first). A single value per side is allowed (D is 0 or 1).
/// Identical samples and all-equal values give D = 0 and p = 1. Magnitudes up to the largest
/// double are fine: only comparisons touch the data.
public func kolmogorovSmirnovTest(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .ks)
    try validateSample(current, role: .current, method: .ks)
    let sorted = sortedSamples([reference, current])
    let (first, second) = (sorted[0], sorted[1])
    let n1 = first.count
    let n2 = second.count
    var d = largestECDFDifference(first, second)

    // SciPy's `auto` rule: exact whenever neither sample exceeds 10 000 values.
    let maximumExactSize = 10_000
    var exact: Double?
    if max(n1, n2) <= maximumExactSize {
        let g = KolmogorovSmirnovTwoSampleDistribution.greatestCommonDivisor(n1, n2)
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        d = Double(h) / Double(lcm)
        exact = KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(n1, n2, h: h)
    }
    let p: Double
    if let exact {
        p = exact
    } else {
        let larger = Double(max(n1, n2))
        let smaller = Double(min(n1, n2))
        let effectiveSize = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
        p = KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: Int(effectiveSize), d)
    }
    return TwoSampleResult(method: .ks, statistic: d, pValue: min(max(p, 0), 1))
}

/// max(max Δ, clip(−min Δ, 0, 1)) over the pooled values, Δ = fl(i/n₁) − fl(j/n₂) with i and j
/// the counts of each sorted sample at or below the value, by merge walks.
///
/// The walk compares the exact integers i·n₂ − j·n₁ instead of dividing at every step: distinct
/// exact differences are at least 1/(n₁n₂) apart, far more than the rounding of the double
/// expression, so only positions tying the running extreme need the double value, and among
/// those the largest (smallest) double is kept, which is the value SciPy's argmax (argmin) sees.
/// Large inputs are cut at values of the first sample into ranges walked concurrently; each
/// pooled value falls in exactly one range, so the combined extremes are those of one walk.
private func largestECDFDifference(_ first: [Double], _ second: [Double]) -> Double {
    first.withUnsafeBufferPointer { a in
        second.withUnsafeBufferPointer { b in
            let rangeCount = a.count + b.count >= 262_144 ? max(1, min(a.count, processorCount)) : 1
            if rangeCount == 1 {
                var extremes = ECDFExtremes(n1: a.count, n2: b.count)
                walk(a, b, from: (0, 0), to: (a.count, b.count), into: &extremes)
                return extremes.statistic
            }
            // Range k ends at the last copy of the first sample's (k+1)/rangeCount quantile.
            var bounds = [(Int, Int)](repeating: (0, 0), count: rangeCount + 1)
            for k in 1..<rangeCount {
                let pivot = a[k * a.count / rangeCount - 1]
                bounds[k] = (a.countAtOrBelow(pivot), b.countAtOrBelow(pivot))
            }
            bounds[rangeCount] = (a.count, b.count)
            var parts = [ECDFExtremes](repeating: ECDFExtremes(n1: a.count, n2: b.count), count: rangeCount)
            parts.withUnsafeMutableBufferPointer { slots in
                // Each range writes only its own slot.
                nonisolated(unsafe) let slots = slots
                nonisolated(unsafe) let a = a
                nonisolated(unsafe) let b = b
                let ranges = bounds
                DispatchQueue.concurrentPerform(iterations: rangeCount) { k in
                    walk(a, b, from: ranges[k], to: ranges[k + 1], into: &slots[k])
                }
            }
            var extremes = parts[0]
            for part in parts.dropFirst() { extremes.merge(part) }
            return extremes.statistic
        }
    }
}

/// Walks the pooled values with counts from `start` (exclusive of everything before) to `end`.
private func walk(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    from start: (Int, Int), to end: (Int, Int), into extremes: inout ECDFExtremes
) {
    var (i, j) = start
    let (endA, endB) = end
    // Step to the next distinct pooled value, past its ties in both samples; the counts are
    // then both ECDFs at that value.
    while i < endA && j < endB {
        let value = a[i] <= b[j] ? a[i] : b[j]
        while i < endA && a[i] <= value { i += 1 }
        while j < endB && b[j] <= value { j += 1 }
        extremes.record(i, j)
    }
    while i < endA {
        let value = a[i]
        i += 1
        if i == endA || a[i] > value { extremes.record(i, j) }
    }
    while j < endB {
        let value = b[j]
        j += 1
        if j == endB || b[j] > value { extremes.record(i, j) }
    }
}

private let processorCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// The running extremes of the ECDF difference, tracked on exact integer keys.
private struct ECDFExtremes {
    let n1: Int
    let n2: Int
    var largestKey = Int.min
    var smallestKey = Int.max
    var largest = -Double.infinity
    var smallest = Double.infinity

    init(n1: Int, n2: Int) {
        self.n1 = n1
        self.n2 = n2
    }

    @inline(__always)
    mutating func record(_ i: Int, _ j: Int) {
        let key = i &* n2 &- j &* n1
        if key >= largestKey {
            let difference = Double(i) / Double(n1) - Double(j) / Double(n2)
            largest = key > largestKey ? difference : max(largest, difference)
            largestKey = key
        }
        if key <= smallestKey {
            let difference = Double(i) / Double(n1) - Double(j) / Double(n2)
            smallest = key < smallestKey ? difference : min(smallest, difference)
            smallestKey = key
        }
    }

    /// Folds in the extremes of a disjoint range of pooled values.
    mutating func merge(_ other: ECDFExtremes) {
        if other.largestKey > largestKey || (other.largestKey == largestKey && other.largest > largest) {
            largest = other.largest
        }
        largestKey = max(largestKey, other.largestKey)
        if other.smallestKey < smallestKey || (other.smallestKey == smallestKey && other.smallest < smallest) {
            smallest = other.smallest
        }
        smallestKey = min(smallestKey, other.smallestKey)
    }

    var statistic: Double {
        let below = min(max(-smallest, 0), 1)
        return below > largest ? below : largest
    }
}
