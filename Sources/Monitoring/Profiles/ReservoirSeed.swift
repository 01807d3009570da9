import DriftStatistics

/// Stable reservoir seeds. Swift's `Hasher` is seeded per process, so names are hashed with
/// 64-bit FNV-1a instead (the same seed on every machine and run), then mixed with the base seed
/// through SplitMix64 so nearby bases give unrelated streams.
enum ReservoirSeed {
    static func seed(base: UInt64, field: ProfileField) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        switch field {
        case .feature(let name):
            mix(1)
            for byte in name.utf8 { mix(byte) }
        case .prediction:
            mix(2)
        }
        var generator = SplitMix64(seed: base ^ hash)
        return generator.next()
    }

    /// The seed of the joint sample of numeric rows (``JointNumericSample``), unrelated to every
    /// field's.
    static func jointSeed(base: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: base ^ 0x6A6F_696E_7472_6F77)
        return generator.next()
    }

    /// The base seed of one window part: its window index and the shard (node or partial
    /// profile) that built it.
    static func windowBase(windowIndex: Int64, shard: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: UInt64(bitPattern: windowIndex))
        return generator.next() ^ (shard &* 0x9E37_79B9_7F4A_7C15)
    }
}
