/// What a profile describes: one declared input feature, or the model's prediction. Kept apart so
/// a feature that happens to be called "prediction" never collides with the model's output.
public enum ProfileField: Sendable, Hashable, Codable, CustomStringConvertible {
    case feature(String)
    case prediction

    /// `feature 'amount'` or `prediction`, as error messages spell it.
    public var description: String {
        switch self {
        case .feature(let name): return "feature '\(name)'"
        case .prediction: return "prediction"
        }
    }

    /// The feature's name, or `prediction`.
    public var name: String {
        switch self {
        case .feature(let name): return name
        case .prediction: return "prediction"
        }
    }
}
