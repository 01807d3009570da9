/// Sums `count` doubles in exactly the order NumPy's `np.sum` adds a contiguous float64 array.
///
/// NumPy reduces in blocks ("leaves") of at most 128 values, each summed with eight interleaved
/// accumulators, and joins blocks by halving the range (split points rounded down to a multiple
/// of eight). Replaying that tree makes a sum bit-identical to SciPy's wherever the terms
/// themselves are, which matters when a statistic is the small difference of two large sums
/// (the Cramér–von Mises `T`, the Anderson–Darling `A²` minus its mean).
///
/// `element` is called once per index, in increasing index order, so a caller may produce the
/// terms on the fly from running state instead of storing them.
@inline(__always)
func numpyPairwiseSum(count: Int, _ element: (Int) -> Double) -> Double {
    numpyPairwiseBlock(start: 0, count: count, element)
}

/// Sums a buffer in NumPy's pairwise order; see `numpyPairwiseSum(count:_:)`.
func numpyPairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    numpyPairwiseBlock(start: 0, count: values.count) { values[$0] }
}

/// The sizes of NumPy's leaves for a sum of `count` values, in index order. With
/// `numpyPairwiseLeafSum` and `numpyPairwiseJoin` a caller can sum several interleaved streams
/// of one length while holding only one leaf of each at a time.
func numpyPairwiseLeafSizes(count: Int) -> [Int] {
    var sizes: [Int] = []
    func visit(_ count: Int) {
        if count <= 128 {
            sizes.append(count)
            return
        }
        let half = pairwiseSplit(count)
        visit(half)
        visit(count - half)
    }
    visit(count)
    return sizes
}

/// One leaf's sum (at most 128 values), as NumPy forms it.
func numpyPairwiseLeafSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    numpyPairwiseLeaf(start: 0, count: values.count) { values[$0] }
}

/// Joins leaf sums, in the order `numpyPairwiseLeafSizes(count:)` listed the leaves, along
/// NumPy's tree for `count` values.
func numpyPairwiseJoin(count: Int, leafSums: UnsafeBufferPointer<Double>) -> Double {
    var next = 0
    func visit(_ count: Int) -> Double {
        if count <= 128 {
            defer { next += 1 }
            return leafSums[next]
        }
        let half = pairwiseSplit(count)
        let left = visit(half)
        return left + visit(count - half)
    }
    return visit(count)
}

@inline(__always)
private func pairwiseSplit(_ count: Int) -> Int {
    let half = count / 2
    return half - half % 8
}

private func numpyPairwiseBlock(start: Int, count: Int, _ element: (Int) -> Double) -> Double {
    if count <= 128 { return numpyPairwiseLeaf(start: start, count: count, element) }
    let half = pairwiseSplit(count)
    let left = numpyPairwiseBlock(start: start, count: half, element)
    return left + numpyPairwiseBlock(start: start + half, count: count - half, element)
}

@inline(__always)
private func numpyPairwiseLeaf(start: Int, count: Int, _ element: (Int) -> Double) -> Double {
    if count < 8 {
        var total = 0.0
        for index in start..<(start + count) { total += element(index) }
        return total
    }
    var r0 = element(start), r1 = element(start + 1), r2 = element(start + 2), r3 = element(start + 3)
    var r4 = element(start + 4), r5 = element(start + 5), r6 = element(start + 6), r7 = element(start + 7)
    let unrolledEnd = start + count - count % 8
    var index = start + 8
    while index < unrolledEnd {
        r0 += element(index)
        r1 += element(index + 1)
        r2 += element(index + 2)
        r3 += element(index + 3)
        r4 += element(index + 4)
        r5 += element(index + 5)
        r6 += element(index + 6)
        r7 += element(index + 7)
        index += 8
    }
    var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while index < start + count {
        total += element(index)
        index += 1
    }
    return total
}
