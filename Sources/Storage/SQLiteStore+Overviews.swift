import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// Three queries in one read transaction: the models, every active baseline's summary, and
    /// each model's latest closed window (one `closed_window_start` index probe per model inside
    /// the single statement), joined in memory by model name.
    public func modelOverviews() async throws(StoreError) -> [ModelOverview] {
        try await read("list models with their baselines and windows") { db in
            let models = try Self.fetchModels(db, sql: "ORDER BY name", arguments: [])
            var baselines: [String: BaselineSummary] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT model.name, baseline.name, baseline.row_count, baseline.created_at, baseline.is_active
                    FROM baseline JOIN model ON model.id = baseline.model_id WHERE baseline.is_active = 1
                    """)
            {
                baselines[row[0]] = BaselineSummary(name: row[1], rowCount: row[2], createdAt: row[3], isActive: row[4])
            }
            var windows: [String: ClosedWindow] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT model.name, closed_window.window_index, closed_window.window_start, closed_window.window_end,
                           closed_window.closed_at, closed_window.report_json
                    FROM model JOIN closed_window ON closed_window.model_id = model.id
                    WHERE closed_window.window_index = (
                        SELECT latest.window_index FROM closed_window AS latest WHERE latest.model_id = model.id
                        ORDER BY latest.window_start DESC, latest.window_index DESC LIMIT 1)
                    """)
            {
                let model: String = row[0]
                let index: Int64 = row[1]
                let report = try StoreJSON.decode(WindowReport.self, from: row[5] as Data, "window \(index) of model '\(model)'")
                windows[model] = ClosedWindow(index: index, start: row[2], end: row[3], closedAt: row[4], report: report)
            }
            return models.map { model in
                ModelOverview(model: model, activeBaseline: baselines[model.name], latestWindow: windows[model.name])
            }
        }
    }
}
