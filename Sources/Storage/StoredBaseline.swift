import Monitoring

/// A stored baseline with its frozen profile.
public struct StoredBaseline: Sendable, Equatable {
    public var summary: BaselineSummary
    public var profile: BaselineProfile

    public init(summary: BaselineSummary, profile: BaselineProfile) {
        self.summary = summary
        self.profile = profile
    }
}
