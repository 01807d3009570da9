import Hummingbird
import Logging
import Monitoring

/// Logs every request (method, route template, status, duration) and records it in
/// ``HTTPRequestMetrics``. It is the outermost middleware, so it sees the final status of
/// refusals (401, 405, 503) and errors as well as answers.
///
/// Levels: successful requests at debug (a busy ingest path would otherwise flood the log at the
/// default level), client errors (4xx) at info, 503 overload at warning and other server errors
/// at error.
struct RequestObservationMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable
    let metrics: HTTPRequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = table.match(method: request.method, path: request.uri.path).routeLabel
        do {
            let response = try await next(request, context)
            record(request, context: context, route: route, status: response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            record(request, context: context, route: route, status: error.status.code, since: start)
            throw error
        } catch {
            record(request, context: context, route: route, status: 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, route: String, status: Int, since start: ContinuousClock.Instant) {
        let seconds = (ContinuousClock.now - start).fractionalSeconds
        metrics.observe(route: route, status: status, seconds: seconds)
        let level: Logger.Level =
            switch status {
            case 503: .warning
            case 500...: .error
            case 400..<500: .info
            default: .debug
            }
        context.logger.log(
            level: level, "request",
            metadata: [
                "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status)",
                "duration_ms": "\((seconds * 1000 * 1000).rounded() / 1000)",
            ])
    }
}
