import Testing
@testable import DriftStatistics

/// The per-bin kernels on both sides of the switch between series and closed form; expected
/// values from a 40-digit mpmath evaluation of the closed forms.
@Suite struct DivergenceKernelsTests {
    @Test(arguments: [
        (1e-08, 4.9999999666666671e-17),
        (-1e-08, 5.0000000333333338e-17),
        (0.1, 0.0046898201956751405),
        (-0.1, 0.0053605156578263018),
        (0.2499, 0.026836451885960923),
        (0.25, 0.026856448685790244),
        (-0.2499, 0.037648748006546442),
        (-0.25, 0.037682072451780927),
        (0.9, 0.25814611382760523),
        (-0.9, 1.4025850929940459),
        (10.0, 7.6021047272016295),
        (-0.999, 5.9087552789821362),
    ])
    func logExcess(r: Double, expected: Double) {
        // The closed form just past the switch cancels about one decimal digit.
        expectClose(DivergenceKernels.logExcess(r), expected, relative: 1e-14, "r − ln(1 + r) at \(r)")
    }

    @Test(arguments: [
        (1e-08, 1.0000000000000001e-16),
        (0.3, 0.091401083050625696),
        (-0.3, 0.091401083050625696),
        (0.4999, 0.26151422398614793),
        (0.5, 0.26162407188227392),
        (-0.5, 0.26162407188227392),
        (0.9, 0.98926387442814557),
        (0.999, 1.3776937087020256),
        (1.0, 1.3862943611198906),
        (-1.0, 1.3862943611198906),
    ])
    func jensenShannon(d: Double, expected: Double) {
        expectClose(DivergenceKernels.jensenShannon(d), expected, relative: 1e-14, "g(\(d))")
    }

    @Test func vanishAtZero() {
        #expect(DivergenceKernels.logExcess(0) == 0)
        #expect(DivergenceKernels.jensenShannon(0) == 0)
    }
}
