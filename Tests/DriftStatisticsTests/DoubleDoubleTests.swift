import Testing
@testable import DriftStatistics

/// The error-free transformations and the double-double arithmetic every compensated sum in the
/// module relies on.
@Suite struct DoubleDoubleTests {
    @Test func twoSumAndTwoProductAreExact() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            // Integers below 2⁴⁰ plus multiples of 2⁻²⁰ below 2¹⁰: the exact sum, scaled by 2²⁰,
            // is an Int, so hi + lo can be checked without rounding.
            let whole = Int(generator.next() % (1 << 40)) - (1 << 39)
            let units = Int(generator.next() % (1 << 30)) - (1 << 29)
            let a = Double(whole)
            let b = Double(units) * 0x1p-20
            let sum = DoubleDouble.twoSum(a, b)
            #expect(sum.hi == a + b)
            #expect(Int(sum.hi * 0x1p20) + Int(sum.lo * 0x1p20) == whole << 20 + units)
            let product = DoubleDouble.twoProduct(a, b)
            #expect(product.hi == a * b)
            #expect(product.lo == (-product.hi).addingProduct(a, b), "the fused multiply-add gives the exact error")
        }
    }

    @Test func keepsDigitsADoubleLoses() {
        let tiny = 0x1p-70
        let sum = DoubleDouble(1) + tiny
        #expect(sum.hi == 1 && sum.lo == tiny)
        #expect((sum - 1).doubleValue == tiny)
        let third = DoubleDouble(1) / 3
        let one = third * 3
        #expect(abs((one - 1).doubleValue) < 0x1p-100)
        let byDoubleDouble = DoubleDouble(1) / DoubleDouble(3)
        #expect(abs((byDoubleDouble * 3 - 1).doubleValue) < 0x1p-100)
    }

    @Test func accumulatingMatchesAnExactIntegerSum() {
        // Multiples of 2⁻³⁰ below 2²⁰: their exact sum fits an Int after scaling, and a plain
        // double sum of this many terms would lose the low bits.
        var generator = SplitMix64(seed: 4)
        var exact = 0
        var compensated = DoubleDouble.zero
        var added = DoubleDouble.zero
        for index in 0..<100_000 {
            let units = Int(generator.next() % (1 << 50)) * (index.isMultiple(of: 2) ? 1 : -1)
            exact += units
            let value = Double(units) * 0x1p-30
            compensated.accumulate(value)
            added = added + value
        }
        #expect(compensated.doubleValue == Double(exact) * 0x1p-30)
        #expect(added.doubleValue == Double(exact) * 0x1p-30)
    }

    @Test func overflowGivesInfinityNotNaN() {
        let huge = DoubleDouble(.greatestFiniteMagnitude) + .greatestFiniteMagnitude
        #expect(huge.hi == .infinity)
        #expect((huge / 2).hi == .infinity)
        #expect((huge / DoubleDouble(2)).hi == .infinity)
        #expect((DoubleDouble(1) / 0).hi == .infinity)
        #expect(DoubleDouble(.infinity, compensation: 1).lo == 0)
        #expect(DoubleDouble(2, compensation: 0x1p-60) == DoubleDouble(hi: 2, lo: 0x1p-60))
    }
}
