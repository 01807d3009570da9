/// The integral ∫ |F_ref(x) − F_cur(x)|^p dx between two empirical CDFs, for p = 1 and p = 2,
/// which is what `scipy.stats` `_cdf_distance` computes for `wasserstein_distance` and
/// `energy_distance`.
///
/// Both samples are sorted once and walked together: between two consecutive distinct values of
/// the pooled sample both CDFs are constant, so the integral is a sum over those gaps of
/// `|i/n − j/m|^p · (next − x)`. Each term is formed as SciPy forms it (two divisions and a
/// difference), so terms agree with SciPy's to the last bit; only the order of summation
/// differs, and every term is non-negative, so no cancellation can amplify that.
///
/// Values are multiplied by a power of two (`scale`) when their magnitude would let a gap or a
/// squared deviation overflow; powers of two scale exactly, so callers undo it without rounding.
struct EmpiricalCDFDistance {
    /// The reference values in ascending order.
    let reference: [Double]
    /// The current values in ascending order.
    let current: [Double]
    /// A power of two with an even exponent; 1 unless the samples reach 2^400 in magnitude.
    let scale: Double

    /// Validates both samples (non-empty, finite) and sorts them.
    init(reference: [Double], current: [Double], method: DriftMethod) throws(DriftStatisticsError) {
        try validateSample(reference, role: .reference, method: method)
        try validateSample(current, role: .current, method: method)
        let sorted = sortedSamples([reference, current])
        self.reference = sorted[0]
        self.current = sorted[1]
        let largest = Swift.max(
            Swift.max(abs(self.reference[0]), abs(self.reference[self.reference.count - 1])),
            Swift.max(abs(self.current[0]), abs(self.current[self.current.count - 1]))
        )
        scale = Self.scale(forMagnitude: largest)
    }

    /// 1 for magnitudes below 2^400; otherwise 2^(−2k) bringing the magnitude to at most 1, so
    /// gaps stay below 2 and squares of deviations cannot overflow. The exponent is even so that
    /// the square root of the scale is exact too.
    static func scale(forMagnitude magnitude: Double) -> Double {
        guard magnitude >= 0x1p400 else { return 1 }
        var exponent = Int(magnitude.exponent) + 1
        if exponent % 2 != 0 { exponent += 1 }
        return Double(sign: .plus, exponent: -exponent, significand: 1)
    }

    /// ∫ |F_ref − F_cur|^power over the scaled values, for power 1 or 2.
    func integral(power: Int) -> Double {
        let n = reference.count
        let m = current.count
        let nDouble = Double(n)
        let mDouble = Double(m)
        let scale = self.scale
        return reference.withUnsafeBufferPointer { u in
            current.withUnsafeBufferPointer { v in
                var i = 0
                var j = 0
                var total = 0.0
                while true {
                    let x: Double
                    if j == m || (i < n && u[i] <= v[j]) { x = u[i] } else { x = v[j] }
                    while i < n && u[i] <= x { i += 1 }
                    while j < m && v[j] <= x { j += 1 }
                    let next: Double
                    if i == n {
                        if j == m { break }
                        next = v[j]
                    } else if j == m || u[i] < v[j] {
                        next = u[i]
                    } else {
                        next = v[j]
                    }
                    let difference = abs(Double(i) / nDouble - Double(j) / mDouble)
                    let gap = next * scale - x * scale
                    total += power == 1 ? difference * gap : difference * difference * gap
                }
                return total
            }
        }
    }
}
