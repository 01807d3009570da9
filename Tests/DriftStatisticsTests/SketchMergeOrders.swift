import DriftStatistics

/// Random partitions of a stream and random merge orders, shared by the sketch merge properties:
/// a sketch is mergeable when any partition merged in any order or tree gives the sketch of the
/// whole.
enum SketchMergeOrders {
    /// Cuts `values` at random points into `parts` non-empty consecutive pieces.
    static func split<Element>(_ values: [Element], parts: Int, using generator: inout SplitMix64) -> [[Element]] {
        precondition(parts >= 1 && parts <= values.count, "test setup: cannot cut \(values.count) values into \(parts) parts")
        var cuts = Set<Int>()
        while cuts.count < parts - 1 { cuts.insert(Int.random(in: 1..<values.count, using: &generator)) }
        let bounds = [0] + cuts.sorted() + [values.count]
        return (0..<parts).map { Array(values[bounds[$0]..<bounds[$0 + 1]]) }
    }

    /// Merges left to right in a random order.
    static func sequentially<Sketch>(
        _ sketches: [Sketch], using generator: inout SplitMix64, merge: (Sketch, Sketch) throws -> Sketch
    ) rethrows -> Sketch {
        let shuffled = sketches.shuffled(using: &generator)
        return try shuffled.dropFirst().reduce(shuffled[0], merge)
    }

    /// Merges pairs picked at random until one sketch is left: a random binary tree.
    static func asTree<Sketch>(
        _ sketches: [Sketch], using generator: inout SplitMix64, merge: (Sketch, Sketch) throws -> Sketch
    ) rethrows -> Sketch {
        var pool = sketches
        while pool.count > 1 {
            let first = pool.remove(at: Int.random(in: 0..<pool.count, using: &generator))
            let second = pool.remove(at: Int.random(in: 0..<pool.count, using: &generator))
            pool.append(try merge(first, second))
        }
        return pool[0]
    }
}
