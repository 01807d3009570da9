/// A baseline's listing entry, without the (possibly large) profile.
public struct BaselineSummary: Sendable, Equatable {
    public var name: String
    /// Reference events the baseline was frozen on.
    public var rowCount: Int
    /// Seconds since the Unix epoch when the baseline was last written.
    public var createdAt: Double
    /// Whether windows of the model are compared with this baseline; at most one per model is.
    public var isActive: Bool

    public init(name: String, rowCount: Int, createdAt: Double, isActive: Bool) {
        self.name = name
        self.rowCount = rowCount
        self.createdAt = createdAt
        self.isActive = isActive
    }
}
