import HTTPTypes

/// What a request must carry to reach a route.
enum AccessRequirement: Sendable, Equatable {
    /// Probes: answered without a token, so orchestrators need no secret.
    case open
    /// A bearer token holding a scope that grants this one.
    case scope(AccessScope)
}

/// One route of the API: its method, its path template (`{model}` stands for one path segment),
/// the scope it needs and whether it takes an ingest batch (admitted by ``IngestLimiter``).
struct RouteEntry: Sendable, Equatable {
    var method: HTTPRequest.Method
    var template: String
    var requirement: AccessRequirement
    var isIngest: Bool = false

    /// The template split into segments, parameters marked by braces.
    var segments: [Substring] { template.split(separator: "/", omittingEmptySubsequences: true) }
}

/// How a request's method and path relate to the ``RouteTable``.
enum RouteMatch: Sendable, Equatable {
    /// A route matched; `parameters` maps each `{name}` of its template to the path segment.
    case matched(RouteEntry, parameters: [String: String])
    /// The path is known (as `template`) but not with this method; `allowed` lists the methods
    /// it has, and `open` says whether every route of the path is open (so no token is asked for
    /// the 405).
    case methodNotAllowed(template: String, allowed: [HTTPRequest.Method], open: Bool)
    /// No route has this path.
    case unmatched

    /// The path template for logs and the request histogram (also for a 405: the path is known);
    /// `unmatched` for unknown paths so that a scan of random paths cannot grow the series
    /// without bound.
    var routeLabel: String {
        switch self {
        case let .matched(entry, _): entry.template
        case let .methodNotAllowed(template, _, _): template
        case .unmatched: "unmatched"
        }
    }
}

/// The routes of design.md with the scope each needs (issue 3): the one place a new route
/// declares its access rule; the access, ingest-admission and observation middlewares read it.
///
/// The table is matched independently of Hummingbird's router so that 401/403/405/503 are decided
/// before any handler runs, and so that the route label of a request is its template.
struct RouteTable: Sendable {
    let entries: [RouteEntry]

    static let driftwatch = RouteTable(entries: [
        RouteEntry(method: .get, template: "/healthz", requirement: .open),
        RouteEntry(method: .get, template: "/readyz", requirement: .open),
        RouteEntry(method: .get, template: "/metrics", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/models", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/models/{model}", requirement: .scope(.read)),
        RouteEntry(method: .put, template: "/v1/models/{model}", requirement: .scope(.admin)),
        RouteEntry(method: .post, template: "/v1/models/{model}/predictions", requirement: .scope(.ingest), isIngest: true),
        RouteEntry(method: .post, template: "/v1/models/{model}/labels", requirement: .scope(.ingest), isIngest: true),
        RouteEntry(method: .get, template: "/v1/models/{model}/windows", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/models/{model}/drift", requirement: .scope(.read)),
        RouteEntry(method: .put, template: "/v1/models/{model}/baselines/{name}", requirement: .scope(.admin)),
        RouteEntry(
            method: .post, template: "/v1/models/{model}/baselines/{name}/from-window", requirement: .scope(.admin)),
        RouteEntry(method: .post, template: "/v1/metrics", requirement: .scope(.ingest), isIngest: true),
        RouteEntry(method: .get, template: "/v1/metrics/series", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/alerts", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/alerts/history", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/actions", requirement: .scope(.read)),
        RouteEntry(method: .get, template: "/v1/actions/{id}", requirement: .scope(.read)),
        RouteEntry(method: .post, template: "/v1/actions/{id}/approve", requirement: .scope(.admin)),
        RouteEntry(method: .post, template: "/v1/actions/{id}/reject", requirement: .scope(.admin)),
        RouteEntry(method: .post, template: "/-/reload", requirement: .scope(.admin)),
    ])

    /// Matches a request path (without its query) against the table. Segments are compared as sent,
    /// not percent-decoded, as Hummingbird's router binds its parameters.
    func match(method: HTTPRequest.Method, path: String) -> RouteMatch {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [HTTPRequest.Method] = []
        var template: String?
        var allOpen = true
        for entry in entries {
            guard let parameters = Self.bind(entry.segments, to: segments) else { continue }
            if entry.method == method { return .matched(entry, parameters: parameters) }
            if !allowed.contains(entry.method) { allowed.append(entry.method) }
            if entry.requirement != .open { allOpen = false }
            template = template ?? entry.template
        }
        guard let template else { return .unmatched }
        return .methodNotAllowed(template: template, allowed: allowed, open: allOpen)
    }

    /// The parameters of `template` bound to `segments`, or nil when they do not fit.
    private static func bind(_ template: [Substring], to segments: [Substring]) -> [String: String]? {
        guard template.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, segment) in zip(template, segments) {
            if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                parameters[String(pattern.dropFirst().dropLast())] = String(segment)
            } else if pattern != segment {
                return nil
            }
        }
        return parameters
    }
}
