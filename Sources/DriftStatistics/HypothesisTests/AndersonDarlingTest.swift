#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The k-sample Anderson–Darling test of whether all samples come from one distribution.
///
/// Matches `scipy.stats.anderson_ksamp(samples)` with its default midrank variant
/// (`variant='midrank'`, the `midrank=True` of earlier releases) in SciPy 1.17: the statistic
/// A²_akN of Scholz & Stephens (1987, eq. 7), which uses the midrank empirical distribution and
/// so is valid for continuous and discrete data, standardized by its exact null mean k − 1 and
/// variance σ²_N (their eq. 4). The critical values come from their Table 2 interpolation
/// b₀ + b₁/√m + b₂/m with m = k − 1, and the p-value from a quadratic least-squares fit of
/// log(level) against the critical values, as SciPy does.
///
/// - p-value: **capped at 0.25 and floored at 0.001**, as in SciPy (which warns instead of
///   throwing): a statistic below the 25 % critical value returns exactly 0.25, one above the
///   0.1 % critical value exactly 0.001. Read 0.25 as "≥ 0.25" and 0.001 as "≤ 0.001".
/// - Ties get midranks; `-0.0` equals `+0.0`. Only ranks matter, so any finite magnitude works.
///
/// Edge cases: fewer than two samples → `.invalidArgument("samples")`; an empty sample or a NaN
/// or ±Inf value → `.invalidArgument("samples[i]")` naming the sample; every value equal →
/// `.degenerateData` (SciPy raises); fewer than 4 values in all → `.degenerateData`, because the
/// variance formula divides by (N−1)(N−2)(N−3) (SciPy fails with an IndexError at N = 2 and
/// returns NaN at N = 3).
///
/// Cost: one radix sort per sample (run concurrently for large inputs) and two k-way merge
/// walks over the sorted samples, one to count the distinct values and one to sum; memory
/// O(k + N) beyond the sorted copies.
public func andersonDarlingKSample(_ samples: [[Double]]) throws(DriftStatisticsError) -> AndersonDarlingResult {
    guard samples.count >= 2 else {
        throw .invalidArgument(name: "samples", reason: "the k-sample Anderson–Darling test needs at least 2 samples, got \(samples.count)")
    }
    for (sampleIndex, sample) in samples.enumerated() {
        if sample.isEmpty { throw .invalidArgument(name: "samples[\(sampleIndex)]", reason: "the sample is empty") }
        for (index, value) in sample.enumerated() where !value.isFinite {
            throw .invalidArgument(name: "samples[\(sampleIndex)]", reason: "non-finite value \(value) at index \(index)")
        }
    }
    return try andersonDarlingValidated(samples)
}

/// The two-sample Anderson–Darling test: `andersonDarlingKSample([reference, current])`.
///
/// `statistic` is the standardized A² (symmetric in the two samples) and `pValue` SciPy's
/// interpolated p-value, **capped at 0.25 and floored at 0.001** (see `andersonDarlingKSample`).
/// Matches `scipy.stats.anderson_ksamp([reference, current])` (midrank variant).
///
/// Edge cases: an empty sample throws `.emptySample`, a NaN or ±Inf `.nonFiniteValue` with its
/// role and index; all values equal, or fewer than 4 values in both samples together, throw
/// `.degenerateData`.
public func andersonDarlingTest(reference: [Double], current: [Double]) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .anderson)
    try validateSample(current, role: .current, method: .anderson)
    let result = try andersonDarlingValidated([reference, current])
    return TwoSampleResult(method: .anderson, statistic: result.statistic, pValue: result.pValue)
}

/// The test on non-empty, finite samples.
private func andersonDarlingValidated(_ samples: [[Double]]) throws(DriftStatisticsError) -> AndersonDarlingResult {
    let k = samples.count
    let sizes = samples.map(\.count)
    let total = sizes.reduce(0, +)

    // The sorted samples side by side in one buffer; sample i occupies offsets[i]..<offsets[i+1].
    var offsets = [0]
    var pooled = [Double]()
    pooled.reserveCapacity(total)
    for sample in sortedSamples(samples) {
        pooled.append(contentsOf: sample)
        offsets.append(pooled.count)
    }

    var groupCount = 0
    pooled.withUnsafeBufferPointer { values in
        forEachPooledGroup(values, offsets: offsets) { _, _ in groupCount += 1 }
    }
    if groupCount < 2 {
        throw .degenerateData(method: .anderson, reason: "every value is the same, so no ranking is possible")
    }
    if total < 4 {
        throw .degenerateData(method: .anderson, reason: "the samples hold \(total) values in all; the statistic's variance needs at least 4")
    }

    // Each sample's summands of eq. 7, one per distinct pooled value, are summed in NumPy's
    // pairwise order holding only the current 128-value leaf of each sample, so memory stays
    // O(k + N) however many samples there are.
    let leafSizes = numpyPairwiseLeafSizes(count: groupCount)
    var leaves = [Double](repeating: 0, count: k * 128)
    var leafSums = [Double](repeating: 0, count: k * leafSizes.count)
    var seen = [Int](repeating: 0, count: k)
    pooled.withUnsafeBufferPointer { values in
        leaves.withUnsafeMutableBufferPointer { leaves in
            leafSums.withUnsafeMutableBufferPointer { leafSums in
                seen.withUnsafeMutableBufferPointer { seen in
                    let n = Double(total)
                    var below = 0
                    var leafIndex = 0
                    var fill = 0
                    forEachPooledGroup(values, offsets: offsets) { groupSize, counts in
                        let l = Double(groupSize)
                        let b = Double(below) + l / 2
                        let denominator = b * (n - b) - Double(total * groupSize) / 4
                        for i in 0..<k {
                            seen[i] += counts[i]
                            let m = Double(seen[i]) - Double(counts[i]) / 2
                            let deviation = n * m - b * Double(sizes[i])
                            leaves[i * 128 + fill] = l / n * (deviation * deviation) / denominator
                        }
                        below += groupSize
                        fill += 1
                        if fill == leafSizes[leafIndex] {
                            for i in 0..<k {
                                let leaf = UnsafeBufferPointer(rebasing: leaves[(i * 128)..<(i * 128 + fill)])
                                leafSums[i * leafSizes.count + leafIndex] = numpyPairwiseLeafSum(leaf)
                            }
                            leafIndex += 1
                            fill = 0
                        }
                    }
                }
            }
        }
    }

    var statistic = 0.0
    leafSums.withUnsafeBufferPointer { leafSums in
        for i in 0..<k {
            let sampleLeaves = UnsafeBufferPointer(rebasing: leafSums[(i * leafSizes.count)..<((i + 1) * leafSizes.count)])
            statistic += numpyPairwiseJoin(count: groupCount, leafSums: sampleLeaves) / Double(sizes[i])
        }
    }
    statistic *= (Double(total) - 1) / Double(total)

    let standardized = (statistic - Double(k - 1)) / andersonDarlingNullVariance(sizes: sizes).squareRoot()
    let critical = andersonDarlingCriticalValues(k: k)
    return AndersonDarlingResult(
        statistic: standardized, criticalValues: critical,
        pValue: andersonDarlingPValue(standardized, critical: critical)
    )
}

/// Walks k ascending samples stored side by side in `values` (sample i at
/// offsets[i]..<offsets[i+1]) one distinct pooled value at a time, in ascending order, passing
/// the group size and each sample's count of that value.
private func forEachPooledGroup(
    _ values: UnsafeBufferPointer<Double>, offsets: [Int],
    _ body: (_ groupSize: Int, _ counts: UnsafeBufferPointer<Int>) -> Void
) {
    let k = offsets.count - 1
    if k == 2 {
        let first = UnsafeBufferPointer(rebasing: values[offsets[0]..<offsets[1]])
        let second = UnsafeBufferPointer(rebasing: values[offsets[1]..<offsets[2]])
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2) { counts in
            forEachTieGroup(first, second) { inFirst, inSecond in
                counts[0] = inFirst
                counts[1] = inSecond
                body(inFirst + inSecond, UnsafeBufferPointer(counts))
            }
        }
        return
    }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * k) { state in
        // state[i]: sample i's next unread index; state[k + i]: its count at the current value.
        for i in 0..<k { state[i] = offsets[i] }
        let counts = UnsafeBufferPointer(rebasing: state[k..<(2 * k)])
        var remaining = values.count
        while remaining > 0 {
            var value = Double.infinity
            for i in 0..<k where state[i] < offsets[i + 1] { value = min(value, values[state[i]]) }
            var groupSize = 0
            for i in 0..<k {
                let start = state[i]
                let end = offsets[i + 1]
                var head = start
                while head < end && values[head] == value { head += 1 }
                state[i] = head
                state[k + i] = head - start
                groupSize += head - start
            }
            body(groupSize, counts)
            remaining -= groupSize
        }
    }
}

/// σ²_N, the exact null variance of A²_akN (Scholz & Stephens 1987, eq. 4), with every sum
/// taken in SciPy's order so the standardized statistic carries no extra rounding.
private func andersonDarlingNullVariance(sizes: [Int]) -> Double {
    let k = Double(sizes.count)
    let total = sizes.reduce(0, +)
    let n = Double(total)
    let inverseSizes = sizes.map { 1.0 / Double($0) }
    let bigH = inverseSizes.withUnsafeBufferPointer { numpyPairwiseSum($0) }

    // h = Σ_{i=1}^{N−1} 1/i and g = Σ_{i<j} 1/((N−i)j), both from the running sum
    // H_j = Σ_{i=j+1}^{N−1} 1/i (taken from the top down, as SciPy's cumulative sum does).
    var running = 0.0
    let g = numpyPairwiseSum(count: total - 2) { index in
        running += 1.0 / Double(total - 1 - index)
        return running / Double(index + 2)
    }
    let h = running + 1

    let a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH
    var b = (2 * g - 4) * (k * k) + 8 * h * k
    b = b + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6
    var c = (6 * h + 2 * g - 2) * (k * k) + (4 * h - 4 * g + 6) * k
    c = c + (2 * h - 6) * bigH + 4 * h
    let d = (2 * h + 6) * (k * k) - 4 * h * k
    let wide = Int128(total)
    let nCubed = Double(wide * wide * wide)
    let nSquared = Double(wide * wide)
    return (a * nCubed + b * nSquared + c * n + d) / ((n - 1) * (n - 2) * (n - 3))
}

/// Table 2 of Scholz & Stephens (1987): b₀ + b₁/√m + b₂/m for m = k − 1.
private func andersonDarlingCriticalValues(k: Int) -> [Double] {
    let b0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085]
    let b1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615]
    let b2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154]
    let m = Double(k - 1)
    let root = m.squareRoot()
    return (0..<7).map { b0[$0] + b1[$0] / root + b2[$0] / m }
}

/// SciPy's p-value: exp of a quadratic least-squares fit of log(level) on the critical values,
/// held to [0.001, 0.25] outside the table.
private func andersonDarlingPValue(_ statistic: Double, critical: [Double]) -> Double {
    let levels = AndersonDarlingResult.significanceLevels
    guard let lowest = critical.min(), let highest = critical.max() else { return .nan }
    if statistic < lowest { return levels[0] }
    if statistic > highest { return levels[levels.count - 1] }
    let coefficients = quadraticLeastSquares(x: critical, y: levels.map { log($0) })
    return exp((coefficients[0] * statistic + coefficients[1]) * statistic + coefficients[2])
}

/// Coefficients (highest power first) of the least-squares parabola through (x, y), as
/// `numpy.polyfit(x, y, 2)` defines it: Vandermonde columns scaled to unit norm, then solved by
/// Householder QR (NumPy uses an SVD; both are backward stable, and the 7 × 3 system is well
/// conditioned, so they agree to about 1e-15).
private func quadraticLeastSquares(x: [Double], y: [Double]) -> [Double] {
    let rows = x.count
    var columns = [x.map { $0 * $0 }, x, [Double](repeating: 1, count: rows)]
    var scales = [Double](repeating: 1, count: 3)
    for j in 0..<3 {
        scales[j] = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
        columns[j] = columns[j].map { $0 / scales[j] }
    }
    var rhs = y
    for j in 0..<3 {
        var norm = 0.0
        for r in j..<rows { norm += columns[j][r] * columns[j][r] }
        norm = norm.squareRoot()
        let alpha = columns[j][j] > 0 ? -norm : norm
        var v = [Double](repeating: 0, count: rows)
        for r in j..<rows { v[r] = columns[j][r] }
        v[j] -= alpha
        let vv = v[j...].reduce(0) { $0 + $1 * $1 }
        guard vv > 0 else { continue }
        for c in j..<3 {
            var dot = 0.0
            for r in j..<rows { dot += v[r] * columns[c][r] }
            let factor = 2 * dot / vv
            for r in j..<rows { columns[c][r] -= factor * v[r] }
        }
        var dot = 0.0
        for r in j..<rows { dot += v[r] * rhs[r] }
        let factor = 2 * dot / vv
        for r in j..<rows { rhs[r] -= factor * v[r] }
    }
    var solution = [Double](repeating: 0, count: 3)
    for j in stride(from: 2, through: 0, by: -1) {
        var value = rhs[j]
        for c in (j + 1)..<3 { value -= columns[c][j] * solution[c] }
        solution[j] = value / columns[j][j]
    }
    return (0..<3).map { solution[$0] / scales[$0] }
}
