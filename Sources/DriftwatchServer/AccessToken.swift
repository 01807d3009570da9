/// One entry of the token file: who holds the token (for logs, never the secret), the secret and
/// its scopes.
public struct AccessToken: Sendable, Equatable {
    public var name: String
    public var token: String
    public var scopes: Set<AccessScope>

    public init(name: String, token: String, scopes: Set<AccessScope>) {
        self.name = name
        self.token = token
        self.scopes = scopes
    }

    /// Whether any of the token's scopes grants `needed` (`admin` grants everything).
    public func grants(_ needed: AccessScope) -> Bool {
        scopes.contains { $0.grants(needed) }
    }
}
