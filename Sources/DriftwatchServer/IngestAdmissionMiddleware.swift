import HTTPTypes
import Hummingbird
import Storage

/// Admits ingest batches (routes the ``RouteTable`` marks `isIngest`) through the
/// ``IngestLimiter``; a batch beyond its bound gets 503 with `Retry-After: 1`, is counted in
/// `driftwatch_ingest_rejected_total{reason="overloaded"}` under the path's model, and stores
/// nothing, since its handler never runs.
///
/// The model label is "" for `/v1/metrics` and for a path naming no registered model: the path is
/// the client's text, and counting it as sent would let random names grow the series without
/// bound. The registry is consulted only for refused batches, so admitted ones pay nothing.
struct IngestAdmissionMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable
    let limiter: IngestLimiter
    let counters: IngestCounters
    let store: any Store

    /// Seconds a refused client should wait; one second lets a short burst drain.
    static var retryAfterSeconds: Int { 1 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard case let .matched(entry, parameters) = table.match(method: request.method, path: request.uri.path), entry.isIngest else {
            return try await next(request, context)
        }
        if let response = try await limiter.withSlot({ try await next(request, context) }) {
            return response
        }
        var model = ""
        if let named = parameters["model"], (try? await store.model(named: named)) != nil { model = named }
        await counters.addRejected(model: model, reason: .overloaded, count: 1)
        var headers = HTTPFields()
        headers[.retryAfter] = String(Self.retryAfterSeconds)
        throw APIError(
            status: .serviceUnavailable,
            message: "overloaded: \(limiter.capacity) ingest batches already in flight; retry after \(Self.retryAfterSeconds) s",
            headers: headers)
    }
}
