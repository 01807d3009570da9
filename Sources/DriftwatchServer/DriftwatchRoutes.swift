import Foundation
import HTTPTypes
import Hummingbird
import Monitoring
import NIOCore
import Storage

/// The HTTP API of design.md over a store: probes, model registry, ingest, baselines, metrics.
struct DriftwatchRoutes: Sendable {
    let store: any Store
    /// The registered models, read through to the store (every route that names a model asks it).
    let models: ModelCatalog
    let maxBodyBytes: Int
    let counters: IngestCounters
    let requestMetrics: HTTPRequestMetrics
    let pipelines: ModelPipelines
    let performance: PerformanceTracker
    /// Scores pushed metric samples and driftwatch's window series.
    let anomalies: MetricAnomalyService
    let alerts: AlertEngine
    /// Runs the triggered actions; approvals go through it.
    let actions: ActionService
    /// Re-reads the detector files for `POST /-/reload`.
    let reloader: DetectorReloader
    /// Seconds raw events are kept (``ServerConfiguration/rawEventRetention``), named when a
    /// baseline range finds nothing stored.
    var rawEventRetention: Double = ServerConfiguration.defaultRetention

    /// The series `/metrics` exports, besides the alerts.
    var exposition: ExpositionSource {
        ExpositionSource(store: store, counters: counters, pipelines: pipelines, anomalies: anomalies, requestMetrics: requestMetrics)
    }

    func register(on router: Router<some RequestContext>) {
        router.get("/healthz") { _, _ in JSONBody.response(["status": "ok"]) }
        router.get("/readyz") { _, _ in try await readiness() }
        router.get("/metrics") { request, _ in try await metrics(request) }
        router.get("/v1/alerts") { _, _ in try await listAlerts() }
        router.get("/v1/alerts/history") { request, _ in try await alertHistory(request) }
        router.get("/v1/actions") { request, _ in try await listActions(request) }
        router.get("/v1/actions/{id}") { _, context in try await showAction(context) }
        router.post("/v1/actions/{id}/approve") { request, context in try await decideAction(request, context, approved: true) }
        router.post("/v1/actions/{id}/reject") { request, context in try await decideAction(request, context, approved: false) }
        router.post("/-/reload") { _, _ in try await reload() }
        router.get("/v1/models") { _, _ in try await listModels() }
        router.put("/v1/models/:model") { request, context in
            try await putModel(try context.parameters.require("model"), request)
        }
        router.get("/v1/models/:model") { _, context in
            try await describeModel(try context.parameters.require("model"))
        }
        router.post("/v1/models/:model/predictions") { request, context in
            try await ingestPredictions(try context.parameters.require("model"), request)
        }
        router.post("/v1/models/:model/labels") { request, context in
            try await ingestLabels(try context.parameters.require("model"), request)
        }
        router.get("/v1/models/:model/windows") { request, context in
            try await listWindows(try context.parameters.require("model"), request)
        }
        router.get("/v1/models/:model/drift") { request, context in
            try await drift(try context.parameters.require("model"), request)
        }
        router.put("/v1/models/:model/baselines/:name") { request, context in
            try await putBaseline(
                model: try context.parameters.require("model"), name: try context.parameters.require("name"), request)
        }
        router.post("/v1/models/:model/baselines/:name/from-window") { request, context in
            try await freezeBaseline(
                model: try context.parameters.require("model"), name: try context.parameters.require("name"), request)
        }
        router.post("/v1/metrics") { request, _ in try await ingestMetrics(request) }
        router.get("/v1/metrics/series") { request, _ in try await listMetricSeries(request) }
    }

    // MARK: Probes and metrics

    /// Ready when the store answers a query, so a load balancer never routes to a server whose
    /// database is gone.
    private func readiness() async throws -> Response {
        do {
            _ = try await store.models()
            return JSONBody.response(["status": "ready"])
        } catch {
            throw APIError(status: .serviceUnavailable, message: "store not available: \(error)")
        }
    }

    private func metrics(_ request: Request) async throws -> Response {
        let format = ExpositionFormat.negotiated(accept: request.headers[.accept])
        var set = try await exposition.metricSet()
        try await alerts.add(to: &set)
        let text = format.render(set)
        return Response(
            status: .ok, headers: [.contentType: format.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: Models

    /// One store read (``Store/modelOverviews()``) whatever the number of models.
    private func listModels() async throws -> Response {
        await pipelines.settledAll()
        let descriptions = try await store.modelOverviews().map { overview in
            ModelDescription(
                overview.model, activeBaseline: overview.activeBaseline, latestWindow: overview.latestWindow,
                latestPerformance: overview.latestWindowPerformance)
        }
        return JSONBody.response(["models": descriptions])
    }

    private func describeModel(_ name: String) async throws -> Response {
        let model = try await requireModel(name)
        await pipelines.settled(name)
        let window = try await store.latestClosedWindow(model: name)
        return JSONBody.response(
            ModelDescription(
                model, activeBaseline: try await activeBaselineSummary(name), latestWindow: window,
                latestPerformance: try await storedPerformance(of: window, model: name)))
    }

    /// The stored performance of `window`, nil when there is none (or no window).
    private func storedPerformance(of window: ClosedWindow?, model: String) async throws -> StoredWindowPerformance? {
        guard let window else { return nil }
        return try await store.windowPerformance(model: model, indices: window.index...window.index)[window.index]
    }

    private func putModel(_ name: String, _ request: Request) async throws -> Response {
        if name.utf8.count > ModelSchemaError.maximumNameLength {
            throw APIError.badRequest("model name: at most \(ModelSchemaError.maximumNameLength) characters allowed")
        }
        let body = try await collect(request)
        let schema: ModelSchema
        do {
            schema = try ModelSchema.decode(json: Data(body))
        } catch {
            throw APIError.badRequest(error.description)
        }
        let existing = try await models.model(named: name)
        let stored = try await store.putModel(name: name, schema: schema, at: Date().timeIntervalSince1970)
        models.stored(stored)
        await pipelines.modelChanged(name)
        let description = ModelDescription(stored, activeBaseline: try await activeBaselineSummary(name))
        return JSONBody.response(description, status: existing == nil ? .created : .ok)
    }

    /// The model's active baseline without its profile (which can be megabytes to decode).
    func activeBaselineSummary(_ model: String) async throws -> BaselineSummary? {
        try await store.baselines(model: model).first(where: \.isActive)
    }

    func requireModel(_ name: String) async throws -> StoredModel {
        guard let model = try await models.model(named: name) else { throw APIError.notFound("unknown model '\(name)'") }
        return model
    }

    // MARK: Ingest

    private func ingestPredictions(_ name: String, _ request: Request) async throws -> Response {
        let kind = try RequestContentType.batchKind(of: request)
        let model = try await requireModel(name)
        let body = try await collect(request)
        let decoded: BatchDecodeResult<PredictionEvent>
        do {
            decoded = try EventBatchDecoder(schema: model.schema).decodePredictions(body, as: kind)
        } catch {
            await counters.addRejected(model: name, reason: .malformedBatch, count: 1)
            throw APIError.badRequest(error.message)
        }
        // Acknowledge only what the store has committed: the pipeline inserts first, then profiles.
        let outcome = try await pipelines.ingest(model: name, events: decoded.accepted, receivedAt: Date().timeIntervalSince1970)
        await counters.addPredictions(model: name, count: outcome.inserted)
        await counters.addRejected(model: name, reason: .invalidEvent, count: decoded.rejected.count)
        return JSONBody.response(IngestResponse(accepted: outcome.inserted, duplicates: outcome.duplicates, rejected: decoded.rejected))
    }

    private func ingestLabels(_ name: String, _ request: Request) async throws -> Response {
        let kind = try RequestContentType.batchKind(of: request)
        let model = try await requireModel(name)
        let body = try await collect(request)
        let decoded: BatchDecodeResult<LabelEvent>
        do {
            decoded = try EventBatchDecoder(schema: model.schema).decodeLabels(body, as: kind)
        } catch {
            await counters.addRejected(model: name, reason: .malformedBatch, count: 1)
            throw APIError.badRequest(error.message)
        }
        let receivedAt = Date().timeIntervalSince1970
        let outcome = try await store.insertLabels(model: name, events: decoded.accepted, receivedAt: receivedAt)
        await counters.addLabels(model: name, count: outcome.inserted)
        await counters.addRejected(model: name, reason: .invalidEvent, count: decoded.rejected.count)
        let duplicates = Set(outcome.duplicatePositions)
        let fresh = decoded.accepted.indices.filter { !duplicates.contains($0) }.map { decoded.accepted[$0] }
        // The labels are committed: a failure to join them now is logged, not answered as an error.
        let join = await performance.labelsStored(model: model, events: fresh, receivedAt: receivedAt)
        return JSONBody.response(
            LabelIngestResponse(
                accepted: outcome.inserted, duplicates: outcome.duplicates, unmatched: join?.unmatched,
                pastTTL: join?.pastTTL, rejected: decoded.rejected))
    }

    // MARK: Baselines

    /// Profiles an uploaded reference set and makes it the model's active baseline. Rows that fail
    /// validation are left out and listed, like rejected ingest lines; the upload fails only when
    /// no valid row remains or the framing is unreadable. `?activate=false` stores the baseline
    /// without changing which one is active.
    private func putBaseline(model name: String, name baselineName: String, _ request: Request) async throws -> Response {
        let activate: Bool
        switch request.uri.queryParameters["activate"] {
        case nil, "true": activate = true
        case "false": activate = false
        case let other?: throw APIError.badRequest("activate: expected true or false, got '\(other)'")
        }
        let mediaType = RequestContentType.mediaType(of: request)
        guard mediaType == "text/csv" || mediaType == "application/x-ndjson" else {
            throw APIError(
                status: .unsupportedMediaType,
                message: "unsupported content type '\(mediaType ?? "none")': send text/csv (with a header row) or application/x-ndjson")
        }
        let model = try await requireModel(name)
        let body = try await collect(request)
        let events: [PredictionEvent]
        let rejected: [BatchRejection]
        if mediaType == "text/csv" {
            do {
                let table = try CSVFeatureTable(csv: body, schema: model.schema)
                events = try table.predictionEvents()
                rejected = table.rejected
            } catch {
                throw APIError.badRequest(error.description)
            }
        } else {
            do {
                let decoded = try EventBatchDecoder(schema: model.schema).decodePredictions(body, as: .ndjson)
                events = decoded.accepted
                rejected = decoded.rejected
            } catch {
                throw APIError.badRequest(error.message)
            }
        }
        let profile: BaselineProfile
        do {
            profile = try BaselineProfile(name: baselineName, schema: model.schema, events: events)
        } catch {
            throw APIError.badRequest("baseline '\(baselineName)': \(error.description)")
        }
        try await store.putBaseline(model: name, profile: profile, activate: activate, at: Date().timeIntervalSince1970)
        await pipelines.baselineChanged(name)
        let active = try await activeBaselineSummary(name)?.name == baselineName
        return JSONBody.response(
            BaselineResponse(model: name, baseline: baselineName, rows: profile.rowCount, active: active, rejected: rejected))
    }

    // MARK: Bodies

    /// The whole body, or 413 once it passes the configured limit (checked while reading, so an
    /// oversized upload is never held in memory whole).
    func collect(_ request: Request) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBodyBytes {
            throw bodyTooLarge()
        }
        do {
            let buffer = try await request.body.collect(upTo: maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw bodyTooLarge()
        }
    }

    private func bodyTooLarge() -> APIError {
        APIError(status: .contentTooLarge, message: "request body is larger than the limit of \(maxBodyBytes) bytes")
    }
}
