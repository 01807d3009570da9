/// A double as an unsigned integer whose unsigned order is the double's numeric order (the sign
/// bit flipped for positives, every bit flipped for negatives), so a prefix of the key names a
/// contiguous range of values — what `NumericBinning`'s prefix table is built on. −0 orders just
/// below +0; NaN patterns order beyond ±∞.
@inline(__always)
func orderedKey(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
}

/// The double whose `orderedKey` is `key`.
@inline(__always)
func valueOfOrderedKey(_ key: UInt64) -> Double {
    Double(bitPattern: key & 0x8000_0000_0000_0000 != 0 ? key & 0x7FFF_FFFF_FFFF_FFFF : ~key)
}
