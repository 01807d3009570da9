import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// The join walks the window's predictions through the `(model_id, event_time)` index and finds
    /// each one's label through the unique `(model_id, event_id)` index; the sort by version and
    /// prediction is SQLite's external sorter, which spills to temporary storage rather than
    /// holding a large window in memory.
    public func accumulatePerformance(
        model: String, eventTimes: Range<Double>, into accumulator: WindowPerformanceAccumulator
    ) async throws(StoreError) -> WindowPerformanceAccumulator {
        try await read("join predictions and labels of model '\(model)'") { db in
            var accumulator = accumulator
            guard let modelID = try Self.modelID(db, model) else { return accumulator }
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: Self.joinSQL),
                arguments: [modelID, eventTimes.lowerBound, eventTimes.upperBound])
            while let row = try rows.next() {
                let id: String = row[5]
                func damaged(_ what: String) -> StoreError { .corrupt("event '\(id)' of model '\(model)': \(what)") }
                let prediction: PredictionValue
                switch StoredPredictionValue.decode(row[1]) {
                case .success(let value): prediction = value
                case .failure(let damage): throw damaged(damage.part)
                }
                let label: LabelValue
                switch (row[3] as DatabaseValue).storage {
                case .double(let number): label = .number(number)
                case .string(let text): label = .string(text)
                case .int64(let flag) where flag == 0 || flag == 1: label = .bool(flag == 1)
                default: throw damaged("label of an unknown type")
                }
                accumulator.add(
                    LabeledPrediction(version: row[0], prediction: prediction, label: label, predictionTime: row[2], labelTime: row[4]))
            }
            return accumulator
        }
    }

    static let joinSQL = """
        SELECT p.version, p.prediction, p.event_time, l.label, l.event_time, p.event_id
        FROM prediction AS p
        JOIN label AS l ON l.model_id = p.model_id AND l.event_id = p.event_id
        WHERE p.model_id = ? AND p.event_time >= ? AND p.event_time < ?
        ORDER BY coalesce(p.version, ''), p.prediction
        """

    public func saveWindowPerformance(model: String, _ stored: StoredWindowPerformance) async throws(StoreError) {
        let json = try StoreJSON.encode(stored.performance, "performance of window \(stored.index) of model '\(model)'")
        try await write("save the performance of window \(stored.index) of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            try db.execute(
                sql: """
                    INSERT INTO window_performance (model_id, window_index, window_start, window_end, computed_at,
                                                    labeled_rows, performance_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (model_id, window_index) DO UPDATE SET
                        window_start = excluded.window_start, window_end = excluded.window_end,
                        computed_at = excluded.computed_at, labeled_rows = excluded.labeled_rows,
                        performance_json = excluded.performance_json
                    """,
                arguments: [
                    modelID, stored.index, stored.start, stored.end, stored.computedAt,
                    stored.performance.labeledRows, json,
                ])
        }
    }

    public func windowPerformance(model: String, indices: ClosedRange<Int64>) async throws(StoreError)
        -> [Int64: StoredWindowPerformance]
    {
        try await read("read window performance of model '\(model)'") { db in
            let rows = try Self.fetchPerformance(
                db, model: model, sql: "AND window_index BETWEEN ? AND ?", arguments: [model, indices.lowerBound, indices.upperBound])
            return Dictionary(rows.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func latestLabeledPerformance(model: String) async throws(StoreError) -> StoredWindowPerformance? {
        try await read("read the latest window performance of model '\(model)'") { db in
            try Self.fetchPerformance(
                db, model: model, sql: "AND labeled_rows > 0 ORDER BY window_index DESC LIMIT 1", arguments: [model]
            ).first
        }
    }

    private static func fetchPerformance(
        _ db: Database, model: String, sql: String, arguments: StatementArguments
    ) throws -> [StoredWindowPerformance] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT window_index, window_start, window_end, computed_at, performance_json
                FROM window_performance WHERE model_id = (SELECT id FROM model WHERE name = ?)
                """ + " " + sql,
            arguments: arguments
        ).map { row in try storedPerformance(row, from: 0, model: model) }
    }

    /// The stored performance in `row`'s columns `offset...offset + 4`: window index, start, end,
    /// computed_at, performance_json (the order of every query that reads `window_performance`).
    static func storedPerformance(_ row: Row, from offset: Int, model: String) throws -> StoredWindowPerformance {
        let index: Int64 = row[offset]
        let performance = try StoreJSON.decode(
            WindowPerformance.self, from: row[offset + 4] as Data, "performance of window \(index) of model '\(model)'")
        return StoredWindowPerformance(
            index: index, start: row[offset + 1], end: row[offset + 2], computedAt: row[offset + 3], performance: performance)
    }
}
