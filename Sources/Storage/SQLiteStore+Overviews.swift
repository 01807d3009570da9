import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// Five queries in one read transaction, whatever the number of models: the models, every
    /// active baseline's summary, each model's latest closed window (one `closed_window_start`
    /// index probe per model inside the single statement), that window's performance and the
    /// latest window with labels; joined in memory by model name.
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
                windows[model] = try Self.closedWindow(row, from: 1, model: model)
            }
            let windowPerformance = try Self.fetchModelsPerformance(
                db,
                where: """
                    window_performance.window_index = (
                        SELECT latest.window_index FROM closed_window AS latest WHERE latest.model_id = model.id
                        ORDER BY latest.window_start DESC, latest.window_index DESC LIMIT 1)
                    """)
            let labeledPerformance = try Self.fetchModelsPerformance(
                db,
                where: """
                    window_performance.window_index = (
                        SELECT labeled.window_index FROM window_performance AS labeled
                        WHERE labeled.model_id = model.id AND labeled.labeled_rows > 0
                        ORDER BY labeled.window_index DESC LIMIT 1)
                    """)
            return models.map { model in
                ModelOverview(
                    model: model, activeBaseline: baselines[model.name], latestWindow: windows[model.name],
                    latestWindowPerformance: windowPerformance[model.name],
                    latestLabeledPerformance: labeledPerformance[model.name])
            }
        }
    }

    /// One stored window performance per model, the row `condition` picks (a fixed SQL fragment
    /// over `window_performance` and `model`; no user input), by model name.
    private static func fetchModelsPerformance(_ db: Database, where condition: String) throws
        -> [String: StoredWindowPerformance]
    {
        var performance: [String: StoredWindowPerformance] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT model.name, window_performance.window_index, window_performance.window_start,
                       window_performance.window_end, window_performance.computed_at, window_performance.performance_json
                FROM model JOIN window_performance ON window_performance.model_id = model.id
                WHERE
                """ + " " + condition)
        {
            let model: String = row[0]
            performance[model] = try Self.storedPerformance(row, from: 1, model: model)
        }
        return performance
    }
}
