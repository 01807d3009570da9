/// Exact powers of ten that a double holds without rounding (10^0 … 10^22).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The correctly rounded double of a decimal `mantissa × 10^exponent`, or nil when the fast path
/// cannot guarantee it. When the mantissa fits in 53 bits and |exponent| ≤ 22 both operands are
/// exact doubles, so one IEEE multiplication or division rounds correctly (Clinger, "How to read
/// floating point numbers accurately", 1990). Everything else goes to the standard library's
/// correctly rounded `Double(Substring)`; this fast path exists because the ingest target is
/// ≥ 100 000 events/s and most logged numbers are short.
@inline(__always)
func exactDecimalToDouble(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
    guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
    let magnitude = exponent >= 0
        ? Double(mantissa) * exactPowersOfTen[exponent]
        : Double(mantissa) / exactPowersOfTen[-exponent]
    return negative ? -magnitude : magnitude
}
