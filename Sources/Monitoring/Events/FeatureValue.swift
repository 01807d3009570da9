/// One feature's value in a prediction event.
public enum FeatureValue: Sendable, Equatable, Hashable {
    /// A finite number (numeric features).
    case number(Double)
    /// A category (categorical features); a JSON number sent for a categorical feature is kept as
    /// its literal text, so `7` and `7.0` are different categories, as they are in the log.
    case string(String)
    /// A boolean feature's value.
    case bool(Bool)
    /// JSON `null` or a declared feature absent from the event.
    case missing
}
