import Foundation
import Hummingbird
import Monitoring
import Storage

extension DriftwatchRoutes {
    /// `GET /v1/models/{model}/windows?from=&to=`: closed windows overlapping `[from, to)`, by
    /// start; either bound may be left out. Times are epoch seconds or RFC 3339.
    func listWindows(_ name: String, _ request: Request) async throws -> Response {
        _ = try await requireModel(name)
        await pipelines.settled(name)
        let from = try Self.time(request, "from") ?? -Double.greatestFiniteMagnitude
        let to = try Self.time(request, "to") ?? Double.greatestFiniteMagnitude
        let windows = try await store.closedWindows(model: name, from: from, to: to)
        var performance: [Int64: StoredWindowPerformance] = [:]
        if let low = windows.map(\.index).min(), let high = windows.map(\.index).max() {
            performance = try await store.windowPerformance(model: name, indices: low...high)
        }
        return JSONBody.response(
            WindowListResponse(model: name, windows: windows.map { WindowSummary($0, performance: performance[$0.index]) }))
    }

    /// `GET /v1/models/{model}/drift[?at=]`: the latest closed window's report, or the one whose
    /// `[start, end)` contains `at`; 404 when there is none.
    func drift(_ name: String, _ request: Request) async throws -> Response {
        _ = try await requireModel(name)
        await pipelines.settled(name)
        let window: ClosedWindow?
        if let at = try Self.time(request, "at") {
            window = try await store.closedWindows(model: name, from: at, to: at.nextUp).last { $0.start <= at && at < $0.end }
        } else {
            window = try await store.latestClosedWindow(model: name)
        }
        guard let window else {
            throw APIError.notFound("model '\(name)' has no closed window\(request.uri.queryParameters["at"] == nil ? "" : " at that time")")
        }
        let performance = try await store.windowPerformance(model: name, indices: window.index...window.index)[window.index]
        return JSONBody.response(DriftResponse(model: name, window: window, performance: performance))
    }

    /// A time query parameter as epoch seconds (a number) or RFC 3339; nil when absent.
    static func time(_ request: Request, _ key: String) throws -> Double? {
        guard let text = request.uri.queryParameters[Substring(key)].map(String.init), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite { return seconds }
        do throws(TimestampError) {
            return try RFC3339Timestamp.epochSeconds(text)
        } catch {
            throw APIError.badRequest("query parameter '\(key)': expected epoch seconds or an RFC 3339 time; \(error.description)")
        }
    }
}
