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

    private func nearestDistance(to summary: SIMD8<Double>) -> Double {
        let count = rememberedCount
        guard count > 0 else { return 0 }
        let memory = memory
        let best = remembered.withUnsafeBufferPointer { stored -> Double in
            guard let base = stored.baseAddress else { return .infinity }
            // Eight summaries at a time: their squared distances side by side in one vector.
            var nearest = SIMD8<Double>(repeating: .infinity)
            var start = 0
            while start + 8 <= count {
                var squares = SIMD8<Double>()
                for block in 0..<Self.blocks {
                    let row = UnsafeRawPointer(base + block * memory + start).loadUnaligned(as: SIMD8<Double>.self)
                    let difference = row - SIMD8(repeating: summary[block])
                    squares += difference * difference
                }
                nearest.replace(with: squares, where: squares .< nearest)
                start += 8
            }
            var best = nearest.min()
            for index in start..<count {
                var squares = 0.0
                for block in 0..<Self.blocks {
                    let difference = base[block * memory + index] - summary[block]
                    squares += difference * difference
                }
                best = min(best, squares)
            }
            return best
        }
        return (best / Double(Self.blocks)).squareRoot()
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
