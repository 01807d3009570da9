import DriftStatistics

/// What came of judging one field in one window.
public enum FeatureDriftOutcome: Sendable, Equatable, Codable {
    /// The method ran; the result carries the verdict.
    case evaluated(FeatureDriftResult)
    /// Fewer than `min_rows` non-missing values on the `role` side: no verdict, not drift.
    case insufficientData(role: SampleRole, needed: Int, got: Int)
    /// The data cannot show drift (one value in both samples, or the method found them
    /// degenerate): a "no drift" verdict, with the reason.
    case notEnoughVariation(reason: String)
    /// The method does not apply to this field (e.g. `ks` on categories): no verdict.
    case notApplicable(reason: String)

    /// The result, when the method ran.
    public var result: FeatureDriftResult? {
        if case .evaluated(let result) = self { return result }
        return nil
    }

    /// Whether the field drifted: only an evaluated result can say yes.
    public var drifted: Bool { result?.drifted ?? false }

    /// Whether the outcome is a verdict (drift or no drift) that counts towards the drift share.
    public var hasVerdict: Bool {
        switch self {
        case .evaluated, .notEnoughVariation: return true
        case .insufficientData, .notApplicable: return false
        }
    }
}
