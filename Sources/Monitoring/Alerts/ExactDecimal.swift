/// The exact decimal expansion of a finite `Double`, and its rounding to a number of significant
/// digits.
///
/// Go's `strconv` prints fixed-precision formats (`%.2f`, `%.3e`, `%.4g`) from the exact value of
/// the binary number, rounding half to even only on exact ties (`%.2f` of 0.125 is `0.12`,
/// `%.0f` of 2.5 is `2`); so does this type. Every finite double has a terminating decimal
/// expansion (at most 767 significant digits), computed here with a small base-10⁹ big integer:
/// `m × 2^e` is `m << e` for `e ≥ 0` and `m × 5^−e / 10^−e` otherwise.
struct ExactDecimal: Sendable, Equatable {
    /// ASCII digits without leading or trailing zeros; empty for zero.
    private(set) var digits: [UInt8]
    /// The decimal point position: the value is `0.d₁d₂… × 10^point`.
    private(set) var point: Int

    init(digits: [UInt8], point: Int) {
        self.digits = digits
        self.point = point
        trimTrailingZeros()
    }

    /// The exact expansion of `magnitude`, which is finite and not negative.
    init(_ magnitude: Double) {
        let bits = magnitude.bitPattern
        let biasedExponent = Int((bits >> 52) & 0x7FF)
        var mantissa = bits & ((1 << 52) - 1)
        var exponent = -1074
        if biasedExponent != 0 {
            mantissa |= 1 << 52
            exponent = biasedExponent - 1075
        }
        guard mantissa != 0 else {
            self.init(digits: [], point: 0)
            return
        }
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [mantissa % base, mantissa / base]
        if exponent >= 0 {
            var remaining = exponent
            while remaining > 0 {
                let step = min(remaining, 29)
                Self.multiply(&limbs, by: 1 << UInt64(step))
                remaining -= step
            }
        } else {
            var remaining = -exponent
            while remaining > 0 {
                let step = min(remaining, 13)
                var power: UInt64 = 1
                for _ in 0..<step { power *= 5 }
                Self.multiply(&limbs, by: power)
                remaining -= step
            }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let chunk = String(limb)
            text += String(repeating: "0", count: 9 - chunk.count) + chunk
        }
        let scale = exponent < 0 ? -exponent : 0
        self.init(digits: Array(text.utf8), point: text.utf8.count - scale)
    }

    /// Rounded to `count` significant digits, half to even on an exact tie, as Go's
    /// `strconv` decimal rounding does. A negative `count`, or one not below the number of
    /// digits, leaves the value as it is; zero digits round to nothing or to one unit of the
    /// place before the first digit (0.6 → 1 with `point` one higher).
    func rounded(toDigits count: Int) -> ExactDecimal {
        guard count >= 0, count < digits.count else { return self }
        let first = digits[count]
        let roundsUp: Bool
        if first == UInt8(ascii: "5") && count + 1 == digits.count {
            roundsUp = count > 0 && (digits[count - 1] - UInt8(ascii: "0")) % 2 == 1
        } else {
            roundsUp = first >= UInt8(ascii: "5")
        }
        guard roundsUp else { return ExactDecimal(digits: Array(digits[..<count]), point: point) }
        var kept = Array(digits[..<count])
        while let last = kept.last, last == UInt8(ascii: "9") { kept.removeLast() }
        if let last = kept.popLast() {
            kept.append(last + 1)
            return ExactDecimal(digits: kept, point: point)
        }
        return ExactDecimal(digits: [UInt8(ascii: "1")], point: point + 1)
    }

    private mutating func trimTrailingZeros() {
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }

    /// `limbs × factor` in place; `factor` ≤ 2^31 keeps every partial product within 64 bits.
    private static func multiply(_ limbs: inout [UInt64], by factor: UInt64) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * factor + carry
            limbs[index] = product % 1_000_000_000
            carry = product / 1_000_000_000
        }
        while carry > 0 {
            limbs.append(carry % 1_000_000_000)
            carry /= 1_000_000_000
        }
    }
}
