/// The outcome of a k-sample Anderson–Darling test, with SciPy's tabulated critical values.
public struct AndersonDarlingResult: Sendable, Equatable, Codable {
    /// The standardized statistic (A²_akN − (k − 1)) / σ_N of Scholz & Stephens (1987).
    public var statistic: Double
    /// The critical values of `statistic` at `AndersonDarlingResult.significanceLevels`, in
    /// that order (increasing values for decreasing levels).
    public var criticalValues: [Double]
    /// The approximate p-value, interpolated from the critical values and therefore held to
    /// [0.001, 0.25]: 0.25 means "0.25 or more", 0.001 means "0.001 or less".
    public var pValue: Double

    /// The significance levels of `criticalValues`: 25 %, 10 %, 5 %, 2.5 %, 1 %, 0.5 %, 0.1 %.
    public static let significanceLevels: [Double] = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]

    public init(statistic: Double, criticalValues: [Double], pValue: Double) {
        self.statistic = statistic
        self.criticalValues = criticalValues
        self.pValue = pValue
    }
}
