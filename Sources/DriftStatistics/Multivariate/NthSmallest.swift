extension Array where Element == Double {
    /// The element that would sit at `rank` (zero-based) if the array were sorted ascending, found
    /// in expected linear time by quickselect with a three-way partition (so runs of equal values,
    /// common in distance lists, cost nothing extra). Reorders the array. Values must be finite.
    mutating func selectNthSmallest(_ rank: Int) -> Double {
        precondition(rank >= 0 && rank < count, "rank out of range")
        return withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            var generator = SplitMix64(seed: UInt64(buffer.count))
            while low < high {
                let pivot = buffer[Int.random(in: low...high, using: &generator)]
                var lessEnd = low
                var index = low
                var greaterStart = high
                while index <= greaterStart {
                    let value = buffer[index]
                    if value < pivot {
                        buffer.swapAt(index, lessEnd)
                        lessEnd += 1
                        index += 1
                    } else if value > pivot {
                        buffer.swapAt(index, greaterStart)
                        greaterStart -= 1
                    } else {
                        index += 1
                    }
                }
                if rank < lessEnd {
                    high = lessEnd - 1
                } else if rank > greaterStart {
                    low = greaterStart + 1
                } else {
                    return pivot
                }
            }
            return buffer[rank]
        }
    }
}
