/// A person's answer to an action waiting for manual approval.
public struct ActionDecision: Sendable, Equatable, Codable {
    public var approved: Bool
    /// Who decided: the API token's name, or what the CLI user gave.
    public var by: String
    public var at: Double
    public var comment: String?

    public init(approved: Bool, by: String, at: Double, comment: String? = nil) {
        self.approved = approved
        self.by = by
        self.at = at
        self.comment = comment
    }
}
