import Foundation
import LinearAlgebra

/// The outcome of `mmdTest`.
public struct MMDResult: Sendable, Equatable {
    /// The unbiased squared maximum mean discrepancy MMD² (may be slightly negative).
    public var statistic: Double
    /// The permutation p-value: the fraction of random relabellings whose MMD² is at least the
    /// observed one.
    public var pValue: Double
    /// The Gaussian kernel bandwidth σ that was used.
    public var bandwidth: Double
    /// How many random relabellings the p-value was estimated from.
    public var permutations: Int

    public init(statistic: Double, pValue: Double, bandwidth: Double, permutations: Int) {
        self.statistic = statistic
        self.pValue = pValue
        self.bandwidth = bandwidth
        self.permutations = permutations
    }
}

/// Rows of the pooled sample handled together, so the N×N kernel never has to be held at once.
private let kernelBlockSize = 256

/// The maximum mean discrepancy two-sample test with a Gaussian RBF kernel and a permutation
/// p-value (Gretton et al., "A Kernel Two-Sample Test", JMLR 2012), defined exactly as
/// alibi-detect's `MMDDrift` with the PyTorch backend.
///
/// Rows are observations and columns features; `reference` (n rows) is X, `current` (m rows) is Y.
/// - Kernel: k(x, y) = exp(−‖x − y‖² / (2σ²)). Unless `bandwidth` is given, σ comes from the
///   reference alone (alibi's `sigma_median` on reference vs reference): σ² is half the lower
///   median of the n(n−1)/2 squared distances between distinct reference rows.
/// - Statistic: MMD² = Σ_{i≠j} k(xᵢ,xⱼ)/(n(n−1)) + Σ_{i≠j} k(yᵢ,yⱼ)/(m(m−1)) − 2·Σ k(xᵢ,yⱼ)/(nm),
///   the unbiased estimate with the kernel diagonal zeroed.
/// - p-value: the fraction of `permutations` random relabellings of the pooled rows (a uniformly
///   random n-subset becomes X) whose MMD² is ≥ the observed MMD², without a +1 correction
///   (alibi's `(mmd2 <= mmd2_permuted).mean()`). Relabellings that equal the observed statistic up
///   to rounding (the identity relabelling, and its mirror when n = m) count as ≥, where alibi's
///   exact float comparison would decide them by rounding noise. The relabellings are drawn from
///   SplitMix64 seeded with `seed`, so a result is reproducible.
///
/// Squared distances come from a Gram matrix of the pooled rows, centred at their mean first so
/// large offsets do not cancel (‖a‖² + ‖b‖² − 2a·b). A result below that formula's rounding bound,
/// 4(d+2)·ε·(‖a‖² + ‖b‖²), is taken as 0 so identical rows are exactly at distance 0 (alibi clamps
/// at 1e-30 instead, which gives the same kernel values). All relabellings are evaluated together: with A the N×(P+2)
/// matrix of 0/1 membership columns (observed split, the P relabellings, all ones), one blocked
/// product K·A yields every block sum: Σ_X K = aᵀKa, Σ_XY = (1−a)ᵀKa, Σ_Y = (1−a)ᵀK1 − Σ_XY. Cost is
/// O(N²·(d + P)) in BLAS, O(N·d + N·P) memory beyond one kernel block.
///
/// Edge cases: both samples need at least 2 rows (`insufficientData`); a feature-count mismatch,
/// zero features, `permutations < 1` or a non-positive/non-finite `bandwidth` is `invalidArgument`;
/// NaN/±Inf is `nonFiniteValue` (index = row); a median bandwidth of 0 (more than half of the
/// reference pairs are identical rows, e.g. all rows equal) is `degenerateData`. Identical samples
/// are valid and give a small negative MMD² and a large p-value.
public func mmdTest(
    reference: Matrix<Double>, current: Matrix<Double>, permutations: Int = 100, bandwidth: Double? = nil,
    seed: UInt64 = 0
) throws(DriftStatisticsError) -> MMDResult {
    try validateRows(reference, role: .reference, method: .mmd, minimumRows: 2)
    try validateRows(current, role: .current, method: .mmd, minimumRows: 2, featureCount: reference.columns)
    guard permutations >= 1 else {
        throw .invalidArgument(name: "permutations", reason: "must be at least 1, got \(permutations)")
    }
    if let bandwidth, !(bandwidth.isFinite && bandwidth > 0) {
        throw .invalidArgument(name: "bandwidth", reason: "must be finite and positive, got \(bandwidth)")
    }

    let kernel = PooledKernel(reference: reference, current: current)
    let sigma: Double
    if let bandwidth { sigma = bandwidth } else { sigma = try kernel.medianBandwidth() }
    if sigma == 0 {
        throw .degenerateData(
            method: .mmd,
            reason: "the median squared distance between reference rows is 0 (most reference rows are identical), so the kernel bandwidth would be 0"
        )
    }

    let n = reference.rows
    let m = current.rows
    var generator = SplitMix64(seed: seed)
    let labels = RelabellingMatrix(referenceCount: n, currentCount: m, permutations: permutations, using: &generator)
    let products = try kernel.timesMembership(labels, gamma: 1 / (2 * sigma * sigma))

    let xxWeight = 1 / (Double(n) * Double(n - 1))
    let yyWeight = 1 / (Double(m) * Double(m - 1))
    let xyWeight = 2 / (Double(n) * Double(m))
    let sums = labels.blockSums(products)
    let observed = sums[0]
    let statistic = observed.within * xxWeight + observed.others * yyWeight - observed.cross * xyWeight
    // Ties are decided on a scale far above the rounding of sums of kernel values (all ≤ 1) and far
    // below the gap between distinct relabellings.
    let tolerance = 1e-11
        * (abs(observed.within * xxWeight) + abs(observed.others * yyWeight) + abs(observed.cross * xyWeight))
    var atLeastAsExtreme = 0
    for sum in sums[1...permutations] {
        let permuted = sum.within * xxWeight + sum.others * yyWeight - sum.cross * xyWeight
        if permuted >= statistic - tolerance { atLeastAsExtreme += 1 }
    }
    return MMDResult(
        statistic: statistic, pValue: Double(atLeastAsExtreme) / Double(permutations), bandwidth: sigma,
        permutations: permutations
    )
}

/// The pooled rows [reference; current], centred at their mean and cut into row blocks.
private struct PooledKernel {
    let referenceCount: Int
    let totalCount: Int
    /// Row blocks of the centred pooled sample, each a (block rows) × d matrix.
    let blocks: [Matrix<Double>]
    /// ‖zᵢ‖² of every centred pooled row, block by block.
    let squaredNorms: [[Double]]

    init(reference: Matrix<Double>, current: Matrix<Double>) {
        referenceCount = reference.rows
        totalCount = reference.rows + current.rows
        let features = reference.columns
        var offsets = [Double](repeating: 0, count: features)
        for column in 0..<features {
            var sum = 0.0
            for row in 0..<reference.rows { sum += reference[row, column] }
            for row in 0..<current.rows { sum += current[row, column] }
            offsets[column] = sum / Double(totalCount)
        }
        var blocks: [Matrix<Double>] = []
        var norms: [[Double]] = []
        var start = 0
        while start < totalCount {
            let count = min(kernelBlockSize, totalCount - start)
            var block = Matrix<Double>.zeros(rows: count, columns: features)
            block.withUnsafeMutableBufferPointer { output in
                reference.withUnsafeBufferPointer { referenceBuffer in
                    current.withUnsafeBufferPointer { currentBuffer in
                        for column in 0..<features {
                            for local in 0..<count {
                                let row = start + local
                                let value = row < reference.rows
                                    ? referenceBuffer[row + column * reference.rows]
                                    : currentBuffer[row - reference.rows + column * current.rows]
                                output[local + column * count] = value - offsets[column]
                            }
                        }
                    }
                }
            }
            norms.append(rowNorms(block).map { $0 * $0 })
            blocks.append(block)
            start += count
        }
        self.blocks = blocks
        self.squaredNorms = norms
    }

    /// The first row index of block `index`.
    private func firstRow(_ index: Int) -> Int { index * kernelBlockSize }

    /// Squared distances ‖zᵢ − zⱼ‖² between the rows of blocks `first` and `second`, as a matrix
    /// (rows of `first` × rows of `second`).
    private func squaredDistances(_ first: Int, _ second: Int) throws(DriftStatisticsError) -> Matrix<Double> {
        var gram = try withLinearAlgebra(.mmd) { () throws(LinearAlgebraError) in
            try blocks[first].multiplied(by: blocks[second], transposeOther: true)
        }
        let rowNorms = squaredNorms[first]
        let columnNorms = squaredNorms[second]
        // Rounding in ‖a‖² + ‖b‖² − 2a·b is below this multiple of ‖a‖² + ‖b‖²; a smaller result is
        // indistinguishable from 0, so identical rows get distance exactly 0.
        let roundingFloor = 4 * Double(blocks[first].columns + 2) * Double.ulpOfOne
        let rowCount = gram.rows
        let columnCount = gram.columns
        gram.withUnsafeMutableBufferPointer { buffer in
            for column in 0..<columnCount {
                let columnNorm = columnNorms[column]
                for row in 0..<rowCount {
                    let index = row + column * rowCount
                    let normSum = rowNorms[row] + columnNorm
                    let distance = normSum - 2 * buffer[index]
                    buffer[index] = distance > roundingFloor * normSum ? distance : 0
                }
            }
        }
        return gram
    }

    /// alibi's `sigma_median` on reference vs reference: √(½ · lower median of the distinct-pair
    /// squared distances), i.e. element n + (n² − n)/2 − 1 of the sorted full n×n distance matrix.
    func medianBandwidth() throws(DriftStatisticsError) -> Double {
        let n = referenceCount
        let pairCount = n * (n - 1) / 2
        var pairs: [Double] = []
        pairs.reserveCapacity(pairCount)
        let referenceBlocks = (n + kernelBlockSize - 1) / kernelBlockSize
        for first in 0..<referenceBlocks {
            for second in first..<referenceBlocks {
                let distances = try squaredDistances(first, second)
                let rowStart = firstRow(first)
                let columnStart = firstRow(second)
                distances.withUnsafeBufferPointer { buffer in
                    for column in 0..<distances.columns where columnStart + column < n {
                        for row in 0..<distances.rows {
                            let i = rowStart + row
                            if i < columnStart + column && i < n { pairs.append(buffer[row + column * distances.rows]) }
                        }
                    }
                }
            }
        }
        return (0.5 * pairs.selectNthSmallest((pairCount - 1) / 2)).squareRoot()
    }

    /// K·A for the kernel K (diagonal zeroed) and the membership matrix A, block row by block row,
    /// evaluating each kernel block once and using it for both (I, J) and (J, I).
    func timesMembership(_ labels: RelabellingMatrix, gamma: Double) throws(DriftStatisticsError) -> [Matrix<Double>] {
        var products = labels.blocks.map { Matrix<Double>.zeros(rows: $0.rows, columns: $0.columns) }
        for first in blocks.indices {
            for second in first..<blocks.count {
                var kernel = try squaredDistances(first, second)
                let order = kernel.rows
                kernel.withUnsafeMutableBufferPointer { buffer in
                    for index in buffer.indices { buffer[index] = exp(-gamma * buffer[index]) }
                    if first == second {
                        for row in 0..<order { buffer[row * (order + 1)] = 0 }
                    }
                }
                try withLinearAlgebra(.mmd) { () throws(LinearAlgebraError) in
                    try Matrix.gemm(kernel, labels.blocks[second], beta: 1, into: &products[first])
                    if first != second {
                        try Matrix.gemm(kernel, transposeA: true, labels.blocks[first], beta: 1, into: &products[second])
                    }
                }
            }
        }
        return products
    }
}

/// The 0/1 membership matrix A of the pooled rows: column 0 marks the observed reference rows,
/// columns 1…P random n-subsets (partial Fisher–Yates shuffles), the last column is all ones.
private struct RelabellingMatrix {
    let blocks: [Matrix<Double>]
    let columnCount: Int

    init(referenceCount: Int, currentCount: Int, permutations: Int, using generator: inout SplitMix64) {
        let total = referenceCount + currentCount
        let columnCount = permutations + 2
        self.columnCount = columnCount
        var full = Matrix<Double>.zeros(rows: total, columns: columnCount)
        var order = Array(0..<total)
        full.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<referenceCount { buffer[row] = 1 }
            for column in 1...permutations {
                for position in 0..<referenceCount {
                    order.swapAt(position, Int.random(in: position..<total, using: &generator))
                    buffer[order[position] + column * total] = 1
                }
            }
            for row in 0..<total { buffer[row + (columnCount - 1) * total] = 1 }
        }
        var blocks: [Matrix<Double>] = []
        var start = 0
        while start < total {
            let count = min(kernelBlockSize, total - start)
            var block = Matrix<Double>.zeros(rows: count, columns: columnCount)
            block.withUnsafeMutableBufferPointer { output in
                full.withUnsafeBufferPointer { input in
                    for column in 0..<columnCount {
                        for local in 0..<count { output[local + column * count] = input[start + local + column * total] }
                    }
                }
            }
            blocks.append(block)
            start += count
        }
        self.blocks = blocks
    }

    /// Per membership column: Σ over members of (K·a) (within X), Σ over non-members of (K·a)
    /// (between X and Y), and Σ over non-members of (K·1) minus the latter (within Y).
    func blockSums(_ products: [Matrix<Double>]) -> [(within: Double, cross: Double, others: Double)] {
        let onesColumn = columnCount - 1
        var within = [Double](repeating: 0, count: onesColumn)
        var cross = [Double](repeating: 0, count: onesColumn)
        var outsideRowSums = [Double](repeating: 0, count: onesColumn)
        for (block, product) in zip(blocks, products) {
            let count = block.rows
            block.withUnsafeBufferPointer { membership in
                product.withUnsafeBufferPointer { values in
                    for column in 0..<onesColumn {
                        for row in 0..<count {
                            let value = values[row + column * count]
                            if membership[row + column * count] == 1 {
                                within[column] += value
                            } else {
                                cross[column] += value
                                outsideRowSums[column] += values[row + onesColumn * count]
                            }
                        }
                    }
                }
            }
        }
        return (0..<onesColumn).map { (within[$0], cross[$0], outsideRowSums[$0] - cross[$0]) }
    }
}
