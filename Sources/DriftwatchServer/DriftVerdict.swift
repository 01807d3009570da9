import Monitoring

/// A drift outcome as the JSON API shows it, for a field and for a multivariate detector alike:
/// its status, the reason when there is no result, and the result's method, statistic, p-value,
/// threshold and verdict. Statistics that are not finite are null.
struct DriftVerdict: Encodable {
    /// `evaluated`, `insufficient_data`, `not_enough_variation` or `not_applicable`.
    var status: String
    var reason: String?
    var method: String?
    var automatic: Bool?
    var basis: String?
    var statistic: Double?
    var pValue: Double?
    var threshold: Double?
    var thresholdDirection: String?
    var drifted: Bool

    /// - Parameter sample: what was counted on each side, for the insufficient-data reason.
    init(_ outcome: FeatureDriftOutcome, sample: String) {
        drifted = outcome.drifted
        switch outcome {
        case .evaluated(let result):
            status = "evaluated"
            method = result.methodName
            automatic = result.automatic
            basis = result.basis.rawValue
            statistic = result.statistic.isFinite ? result.statistic : nil
            pValue = result.pValue.finite
            threshold = result.thresholdValue
            thresholdDirection = result.thresholdDirectionName
        case let .insufficientData(role, needed, got):
            status = "insufficient_data"
            reason = "\(role) side has \(got) \(sample), \(needed) needed"
        case .notEnoughVariation(let why):
            status = "not_enough_variation"
            reason = why
        case .notApplicable(let why):
            status = "not_applicable"
            reason = why
        }
    }

    private enum CodingKeys: String, CodingKey {
        case status, reason, method, automatic, basis, statistic, drifted, threshold
        case pValue = "p_value", thresholdDirection = "threshold_direction"
    }
}
