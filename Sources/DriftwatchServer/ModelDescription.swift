import Monitoring
import Storage

/// A registered model as `GET /v1/models[/{model}]` describe it.
struct ModelDescription: Encodable {
    struct Baseline: Encodable {
        var name: String
        var rows: Int
        var createdAt: Double
    }

    var name: String
    var schema: ModelSchema
    var createdAt: Double
    var updatedAt: Double
    /// The active baseline, or null when none was uploaded yet.
    var activeBaseline: Baseline?
    /// The most recently closed window, or null before the first one closes.
    var latestWindow: WindowSummary?

    init(
        _ model: StoredModel, activeBaseline: BaselineSummary?, latestWindow: ClosedWindow? = nil,
        latestPerformance: StoredWindowPerformance? = nil
    ) {
        self.latestWindow = latestWindow.map { WindowSummary($0, performance: latestPerformance) }
        name = model.name
        schema = model.schema
        createdAt = model.createdAt
        updatedAt = model.updatedAt
        self.activeBaseline = activeBaseline.map { Baseline(name: $0.name, rows: $0.rowCount, createdAt: $0.createdAt) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(schema, forKey: .schema)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        // Explicit null, so clients see the key exists before a baseline is uploaded.
        try container.encode(activeBaseline, forKey: .activeBaseline)
        try container.encode(latestWindow, forKey: .latestWindow)
    }

    private enum CodingKeys: String, CodingKey {
        case name, schema, createdAt = "created_at", updatedAt = "updated_at", activeBaseline = "active_baseline"
        case latestWindow = "latest_window"
    }
}

extension ModelDescription.Baseline {
    private enum CodingKeys: String, CodingKey {
        case name, rows, createdAt = "created_at"
    }
}
