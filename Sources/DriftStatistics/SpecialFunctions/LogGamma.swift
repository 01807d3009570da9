#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ln|Γ(x)|, from the C library's re-entrant `lgamma_r`.
///
/// `lgamma` writes the global `signgam`, a data race once statistics run concurrently, so the
/// re-entrant form is used. glibc documents it within a few ulp on the positive axis, well inside
/// the 1e-13 relative bound checked against `scipy.special.gammaln`. Returns +Inf at the poles
/// (0, −1, −2, …), as SciPy does.
@inlinable
public func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}
