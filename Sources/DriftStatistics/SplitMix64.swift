#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded pseudo-random generator: SplitMix64 (Steele, Lea & Flood, "Fast
/// splittable pseudorandom number generators", OOPSLA 2014).
///
/// Used wherever a statistic or sketch draws random numbers (permutation tests, reservoir
/// sampling) so results are reproducible from a seed and the state is a plain value that can be
/// persisted with the sketch that owns it. Not for cryptographic use.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable, Codable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in the open interval (0, 1), from the top 53 bits.
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal variate by the Box–Muller transform.
    public mutating func nextNormal() -> Double {
        let u = nextOpenUnit()
        let v = nextOpenUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// `count` normal variates with the given mean and standard deviation.
    public mutating func normals(_ count: Int, mean: Double = 0, standardDeviation: Double = 1) -> [Double] {
        (0..<count).map { _ in mean + standardDeviation * nextNormal() }
    }
}
