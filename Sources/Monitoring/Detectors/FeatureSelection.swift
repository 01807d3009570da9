/// Which features a detector reads: `all`, or a list of names.
public enum FeatureSelection: Sendable, Equatable, Codable {
    case all
    case named([String])

    /// The selected features among `features`, in their order.
    public func select(from features: [String]) -> [String] {
        switch self {
        case .all: features
        case .named(let names): features.filter(names.contains)
        }
    }
}
