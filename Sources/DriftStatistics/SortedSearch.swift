/// Binary searches over values sorted ascending: the module's one lower/upper-bound pair, for
/// arrays and for the unsafe buffers of hot loops alike.
///
/// Both assume ascending order without checking it. A NaN probe compares false with every
/// element, so it is counted as below nothing and at or below nothing (0).
extension RandomAccessCollection where Element == Double, Index == Int {
    /// The number of elements strictly below `value` (C++'s `lower_bound`, Python's
    /// `bisect_left`).
    @inlinable @inline(__always)
    func countBelow(_ value: Double) -> Int {
        countLeadingElements { $0 < value }
    }

    /// The number of elements at or below `value` (C++'s `upper_bound`, Python's
    /// `bisect_right`).
    @inlinable @inline(__always)
    func countAtOrBelow(_ value: Double) -> Int {
        countLeadingElements { $0 <= value }
    }

    /// The length of the leading run whose elements satisfy `isLeading`, which must hold for a
    /// prefix of the collection and fail for the rest.
    @inlinable @inline(__always)
    func countLeadingElements(_ isLeading: (Double) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) >> 1
            if isLeading(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low - startIndex
    }
}
