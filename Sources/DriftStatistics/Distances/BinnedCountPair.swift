/// Two count vectors over the same frozen bins, validated, with the per-bin quantities the
/// binned divergences need computed from the integer counts.
///
/// Proportions are `p_i = a_i / N` (reference) and `q_i = b_i / M` (current). Differences
/// `q_i − p_i` are formed exactly in integers, `(b_i·N − a_i·M) / (N·M)`, so divergences of
/// nearly equal distributions are not lost to cancellation between two rounded proportions.
struct BinnedCountPair {
    let reference: [Int]
    let current: [Int]
    let referenceTotal: Int
    let currentTotal: Int
    /// Whether every `a_i·M ± b_i·N` (at most `2·N·M`) can be formed exactly in `Int`.
    private let productsFitInInt: Bool

    /// - Throws: `.invalidArgument` for vectors of different lengths, a negative count or totals
    ///   that overflow `Int`; `.emptySample` when a vector has no observations (all zeros or no
    ///   bins), naming the reference first.
    init(referenceCounts: [Int], currentCounts: [Int]) throws(DriftStatisticsError) {
        guard referenceCounts.count == currentCounts.count else {
            throw .invalidArgument(
                name: "currentCounts",
                reason: "has \(currentCounts.count) bins but referenceCounts has \(referenceCounts.count)"
            )
        }
        referenceTotal = try Self.total(referenceCounts, name: "referenceCounts")
        currentTotal = try Self.total(currentCounts, name: "currentCounts")
        if referenceTotal == 0 { throw .emptySample(.reference) }
        if currentTotal == 0 { throw .emptySample(.current) }
        reference = referenceCounts
        current = currentCounts
        let (product, overflow) = referenceTotal.multipliedReportingOverflow(by: currentTotal)
        productsFitInInt = !overflow && product <= Int.max / 2
    }

    private static func total(_ counts: [Int], name: String) throws(DriftStatisticsError) -> Int {
        var total = 0
        for (index, count) in counts.enumerated() {
            guard count >= 0 else {
                throw .invalidArgument(name: "\(name)[\(index)]", reason: "counts must be non-negative, got \(count)")
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw .invalidArgument(name: name, reason: "the total count overflows Int") }
            total = sum
        }
        return total
    }

    var binCount: Int { reference.count }

    /// `p_i`, the reference proportion of bin `i`.
    func referenceProportion(_ i: Int) -> Double { Double(reference[i]) / Double(referenceTotal) }

    /// `q_i`, the current proportion of bin `i`.
    func currentProportion(_ i: Int) -> Double { Double(current[i]) / Double(currentTotal) }

    /// `b_i·N − a_i·M`: exact integer arithmetic while `2·N·M` fits in `Int`, otherwise Kahan's
    /// fused-multiply-add difference of products (within about 1.5 roundings).
    func crossDifference(_ i: Int) -> Double {
        if productsFitInInt {
            return Double(current[i] * referenceTotal - reference[i] * currentTotal)
        }
        let b = Double(current[i])
        let n = Double(referenceTotal)
        let a = Double(reference[i])
        let m = Double(currentTotal)
        let product = a * m
        let productError = (-product).addingProduct(a, m)
        return (-product).addingProduct(b, n) - productError
    }

    /// `b_i·N + a_i·M`, exact while `2·N·M` fits in `Int`.
    func crossSum(_ i: Int) -> Double {
        if productsFitInInt {
            return Double(current[i] * referenceTotal + reference[i] * currentTotal)
        }
        return Double(current[i]) * Double(referenceTotal) + Double(reference[i]) * Double(currentTotal)
    }

    /// `N·M`, rounded once.
    var totalsProduct: Double { Double(referenceTotal) * Double(currentTotal) }

    /// `q_i − p_i` to within about one rounding.
    func proportionDifference(_ i: Int) -> Double { crossDifference(i) / totalsProduct }

    /// The proportions of bin `i` with empty bins floored at `epsilon`, and the difference
    /// `Q − P` of the floored values, accurate even when they nearly cancel.
    func flooredProportions(_ i: Int, epsilon: Double) -> (p: Double, q: Double, difference: Double) {
        let a = reference[i]
        let b = current[i]
        switch (a == 0, b == 0) {
        case (false, false):
            return (referenceProportion(i), currentProportion(i), proportionDifference(i))
        case (true, false):
            return (epsilon, currentProportion(i), Self.fusedDifference(count: b, total: Double(currentTotal), epsilon: epsilon))
        case (false, true):
            return (referenceProportion(i), epsilon, -Self.fusedDifference(count: a, total: Double(referenceTotal), epsilon: epsilon))
        case (true, true):
            return (epsilon, epsilon, 0)
        }
    }

    /// `count/total − epsilon` with a single rounding in the numerator: `(count − ε·total)/total`.
    private static func fusedDifference(count: Int, total: Double, epsilon: Double) -> Double {
        Double(count).addingProduct(-epsilon, total) / total
    }
}
