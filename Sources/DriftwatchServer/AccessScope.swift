/// What a bearer token may do (issue 3): `ingest` posts events and metrics, `read` reads the
/// API and `/metrics`, `admin` changes models, baselines and configuration and implies both.
public enum AccessScope: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case ingest
    case read
    case admin

    /// Whether a token holding `self` may use a route that needs `needed`.
    public func grants(_ needed: AccessScope) -> Bool {
        self == needed || self == .admin
    }

    public static func < (lhs: AccessScope, rhs: AccessScope) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .ingest: 0
        case .read: 1
        case .admin: 2
        }
    }
}
