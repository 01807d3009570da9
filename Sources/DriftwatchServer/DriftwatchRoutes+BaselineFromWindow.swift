import Foundation
import Hummingbird
import Monitoring
import Storage

extension DriftwatchRoutes {
    /// `POST /v1/models/{model}/baselines/{name}/from-window`: freezes the stored predictions of
    /// a past event-time range as baseline `name` (body: ``BaselineFreezeRequest``), activating it
    /// unless `"activate": false`.
    ///
    /// The predictions are read page by page (``Store/predictionPages(model:eventTimes:pageSize:)``)
    /// into a ``BaselineProfileBuilder``, which keeps only the per-field values, so the range is
    /// never held as events. The profile is the one `PUT .../baselines/{name}` builds from the same
    /// events in event-time order.
    func freezeBaseline(model name: String, name baselineName: String, _ request: Request) async throws -> Response {
        let mediaType = RequestContentType.mediaType(of: request)
        guard mediaType == nil || mediaType == "application/json" else {
            throw APIError(status: .unsupportedMediaType, message: "unsupported content type '\(mediaType ?? "")': send application/json")
        }
        let model = try await requireModel(name)
        let freeze: BaselineFreezeRequest
        do {
            freeze = try BaselineFreezeRequest.decode(try await collect(request))
        } catch let error as BaselineFreezeRequest.DecodingError {
            throw APIError.badRequest(error.message)
        }
        let range: Range<Double>
        switch freeze.selection {
        case let .timeRange(from, to):
            range = from..<to
        case .latestWindow:
            await pipelines.settled(name)
            guard let window = try await store.latestClosedWindow(model: name) else {
                throw APIError.badRequest("model '\(name)' has no closed window yet; give \"from\" and \"to\" instead")
            }
            // A row-count window's end is its last event's time, which belongs to it.
            let end = model.schema.window.isRowCount ? window.end.nextUp : window.end
            range = window.start..<end
        }
        var builder: BaselineProfileBuilder
        do {
            builder = try BaselineProfileBuilder(schema: model.schema)
            for try await page in store.predictionPages(model: name, eventTimes: range) {
                try builder.add(page.lazy.map(\.event))
            }
        } catch let error as BaselineProfileError {
            throw APIError.badRequest("baseline '\(baselineName)': \(error.description)")
        }
        if builder.rowCount == 0 {
            let retention = WindowSpec.duration(seconds: rawEventRetention).canonicalDuration ?? "\(rawEventRetention) s"
            throw APIError.badRequest(
                "no stored predictions in [\(Self.timeText(range.lowerBound)), \(Self.timeText(range.upperBound))); "
                    + "raw events are kept for \(retention) after they are received")
        }
        let profile: BaselineProfile
        do {
            profile = try builder.build(name: baselineName)
        } catch {
            throw APIError.badRequest("baseline '\(baselineName)': \(error.description)")
        }
        try await store.putBaseline(model: name, profile: profile, activate: freeze.activate, at: Date().timeIntervalSince1970)
        if freeze.activate { await pipelines.baselineChanged(name) }
        var active = freeze.activate
        if !active { active = try await activeBaselineSummary(name)?.name == baselineName }
        return JSONBody.response(
            BaselineResponse(
                model: name, baseline: baselineName, rows: profile.rowCount, active: active, rejected: [], from: range.lowerBound,
                to: range.upperBound))
    }

    /// An epoch time as RFC 3339 UTC with milliseconds, for error messages.
    private static func timeText(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

extension WindowSpec {
    /// Whether windows close after a number of rows rather than on event time.
    fileprivate var isRowCount: Bool {
        if case .rows = self { return true }
        return false
    }
}
