/// How unlike anything seen before the recent shape of a series is: the latest 8·`blockLength`
/// values, summarised as the means of 8 consecutive blocks, are compared with a memory of such
/// summaries from the past, and the distance to the nearest (root mean square over the blocks)
/// is the feature. A summary is remembered every `stride` values, once it no longer overlaps the
/// current context, in a ring of `memory` summaries; the cost per value is one pass over the
/// memory, eight lanes at a time. Contextual nearest-neighbour scores of this kind are what the
/// better NAB entries build on (Smirnov's CAD-OSE, KNN-CAD).
///
/// The distance is 0 until the context is full and the memory holds a summary.
struct ContextDistance: Sendable, Codable, Equatable {
    static let blocks = 8
    let blockLength: Int
    let memory: Int
    let stride: Int
    /// The latest 8·blockLength values, a ring once full.
    private var recent: [Double] = []
    private var oldestRecent = 0
    private var seen = 0
    /// Summaries waiting until they no longer overlap the context, oldest first.
    private var waiting: [SIMD8<Double>] = []
    /// Remembered summaries by block: block b of summary i at b·memory + i, so eight summaries'
    /// same block load as one vector. A ring of `memory` once full.
    private var remembered: [Double]
    private var rememberedCount = 0
    private var oldestRemembered = 0

    init(blockLength: Int, memory: Int, stride: Int) {
        self.blockLength = blockLength
        self.memory = memory
        self.stride = stride
        remembered = [Double](repeating: 0, count: Self.blocks * memory)
    }

    private var contextLength: Int { Self.blocks * blockLength }

    mutating func distance(after value: Double) -> Double {
        seen += 1
        if recent.count < contextLength {
            recent.append(value)
        } else {
            recent[oldestRecent] = value
            oldestRecent = (oldestRecent + 1) % contextLength
        }
        guard recent.count == contextLength else { return 0 }
        let summary = currentSummary()
        let nearest = nearestDistance(to: summary)
        if seen % stride == 0 { waiting.append(summary) }
        while !waiting.isEmpty, waiting.count * stride > contextLength {
            remember(waiting.removeFirst())
        }
        return nearest
    }

    /// The block means of the context, oldest block first.
    private func currentSummary() -> SIMD8<Double> {
        var summary = SIMD8<Double>()
        recent.withUnsafeBufferPointer { values in
            for block in 0..<Self.blocks {
                var sum = 0.0
                var index = (oldestRecent + block * blockLength) % contextLength
                for _ in 0..<blockLength {
                    sum += values[index]
                    index = index + 1 == contextLength ? 0 : index + 1
                }
                summary[block] = sum / Double(blockLength)
            }
        }
        return summary
    }

    /// The root mean square difference between `summary` and the nearest remembered one.
    ///
    /// This is the ensemble's hot path (about half its time, by `perf` on `make bench-anomaly`),
    /// so it prunes: eight remembered summaries at a time, the squared distances over the first
    /// two blocks are summed, and the group is dropped when none of them is already below the
    /// nearest found so far, since the other blocks only add to them (about 1.4× the points per
    /// second of the unpruned search; checking after four blocks gave 1.3×). Starting from the most
    /// recently remembered summary, usually a close one, most groups are dropped there. The
    /// result is exactly the unpruned one: every distance is still summed block by block in the
    /// same order.
    private func nearestDistance(to summary: SIMD8<Double>) -> Double {
        let count = rememberedCount
        guard count > 0 else { return 0 }
        let memory = memory
        let newest = count < memory ? count - 1 : (oldestRemembered + memory - 1) % memory
        let best = remembered.withUnsafeBufferPointer { stored -> Double in
            guard let base = stored.baseAddress else { return .infinity }
            func squaredDistance(_ index: Int) -> Double {
                var squares = 0.0
                for block in 0..<Self.blocks {
                    let difference = base[block * memory + index] - summary[block]
                    squares += difference * difference
                }
                return squares
            }
            var best = squaredDistance(newest)
            var start = 0
            while start + 8 <= count {
                var squares = SIMD8<Double>()
                for block in 0..<(Self.blocks / 4) {
                    let row = UnsafeRawPointer(base + block * memory + start).loadUnaligned(as: SIMD8<Double>.self)
                    let difference = row - SIMD8(repeating: summary[block])
                    squares += difference * difference
                }
                if Self.smallest(squares) < best {
                    for block in (Self.blocks / 4)..<Self.blocks {
                        let row = UnsafeRawPointer(base + block * memory + start).loadUnaligned(as: SIMD8<Double>.self)
                        let difference = row - SIMD8(repeating: summary[block])
                        squares += difference * difference
                    }
                    best = min(best, Self.smallest(squares))
                }
                start += 8
            }
            for index in start..<count {
                best = min(best, squaredDistance(index))
            }
            return best
        }
        return (best / Double(Self.blocks)).squareRoot()
    }

    /// The least lane, by pairs: the standard library's generic `min()` and mask comparisons
    /// are not specialised into vector code and cost more than the distances themselves.
    @inline(__always)
    private static func smallest(_ lanes: SIMD8<Double>) -> Double {
        let pairs = SIMD4(min(lanes[0], lanes[4]), min(lanes[1], lanes[5]), min(lanes[2], lanes[6]), min(lanes[3], lanes[7]))
        return min(min(pairs[0], pairs[2]), min(pairs[1], pairs[3]))
    }

    private mutating func remember(_ summary: SIMD8<Double>) {
        let slot: Int
        if rememberedCount < memory {
            slot = rememberedCount
            rememberedCount += 1
        } else {
            slot = oldestRemembered
            oldestRemembered = (oldestRemembered + 1) % memory
        }
        for block in 0..<Self.blocks { remembered[block * memory + slot] = summary[block] }
    }
}
