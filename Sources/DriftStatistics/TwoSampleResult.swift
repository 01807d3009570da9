/// The outcome of comparing a current sample with a reference sample by one method.
///
/// `statistic` carries the method's own statistic or distance in the convention documented on
/// the function that produced it; `pValue` is set only for hypothesis tests.
public struct TwoSampleResult: Sendable, Equatable, Codable {
    public var method: DriftMethod
    public var statistic: Double
    public var pValue: Double?

    public init(method: DriftMethod, statistic: Double, pValue: Double? = nil) {
        self.method = method
        self.statistic = statistic
        self.pValue = pValue
    }
}
