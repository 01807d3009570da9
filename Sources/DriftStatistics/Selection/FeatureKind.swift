/// Whether a feature's values are numbers or category names; decides which tests apply and
/// which one `method: auto` picks.
public enum FeatureKind: String, Sendable, Codable, CaseIterable {
    case numeric
    case categorical
}
