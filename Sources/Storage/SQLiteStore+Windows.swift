import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    public func saveWindows(model: String, closed: [ClosedWindow], open openWindows: OpenWindows) async throws(StoreError) {
        // Encode before taking the write lock: profiles with reservoirs are the costly part.
        let windowing = try StoreJSON.encode(openWindows.windowing, "window state of model '\(model)'")
        var profiles: [(index: Int64, json: Data, times: ClosedRange<Double>?)] = []
        for profile in openWindows.profiles {
            let index = profile.windowRange.lowerBound
            profiles.append(
                (index, try StoreJSON.encode(profile, "open window \(index) of model '\(model)'"), openWindows.rowWindowTimes[index]))
        }
        var reports: [(window: ClosedWindow, json: Data)] = []
        for window in closed {
            reports.append((window, try StoreJSON.encode(window.report, "window \(window.index) of model '\(model)'")))
        }
        let openRows = profiles
        let reportRows = reports
        let savedAt = openWindows.savedAt
        let appliedThrough = openWindows.appliedThrough
        try await write("save windows of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            for (window, json) in reportRows {
                try db.execute(
                    sql: """
                        INSERT INTO closed_window (model_id, window_index, window_start, window_end, closed_at, rows,
                                                   drift_share, report_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (model_id, window_index) DO UPDATE SET
                            window_start = excluded.window_start, window_end = excluded.window_end,
                            closed_at = excluded.closed_at, rows = excluded.rows,
                            drift_share = excluded.drift_share, report_json = excluded.report_json
                        """,
                    arguments: [
                        modelID, window.index, window.start, window.end, window.closedAt, window.report.rows,
                        window.report.datasetDriftShare, json,
                    ])
            }
            try db.execute(
                sql: """
                    INSERT INTO window_state (model_id, windowing_json, applied_through, saved_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (model_id) DO UPDATE SET
                        windowing_json = excluded.windowing_json, applied_through = excluded.applied_through,
                        saved_at = excluded.saved_at
                    """,
                arguments: [modelID, windowing, appliedThrough, savedAt])
            try db.execute(sql: "DELETE FROM open_window WHERE model_id = ?", arguments: [modelID])
            for (index, json, times) in openRows {
                try db.execute(
                    sql: """
                        INSERT INTO open_window (model_id, window_index, profile_json, first_event_time, last_event_time)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [modelID, index, json, times?.lowerBound, times?.upperBound])
            }
        }
    }

    public func openWindows(model: String) async throws(StoreError) -> OpenWindows? {
        try await read("read open windows of model '\(model)'") { db in
            guard let modelID = try Self.modelID(db, model),
                let state = try Row.fetchOne(
                    db, sql: "SELECT windowing_json, applied_through, saved_at FROM window_state WHERE model_id = ?", arguments: [modelID])
            else { return nil }
            let windowing = try StoreJSON.decode(
                WindowingState.self, from: state[0] as Data, "window state of model '\(model)'")
            var profiles: [WindowProfile] = []
            var times: [Int64: ClosedRange<Double>] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT window_index, profile_json, first_event_time, last_event_time
                    FROM open_window WHERE model_id = ? ORDER BY window_index
                    """,
                arguments: [modelID])
            {
                let index: Int64 = row[0]
                profiles.append(
                    try StoreJSON.decode(WindowProfile.self, from: row[1] as Data, "open window \(index) of model '\(model)'"))
                if let first: Double = row[2], let last: Double = row[3], first <= last { times[index] = first...last }
            }
            return OpenWindows(
                windowing: windowing, profiles: profiles, appliedThrough: state[1], savedAt: state[2], rowWindowTimes: times)
        }
    }

    public func closedWindows(model: String, afterIndex index: Int64, limit: Int) async throws(StoreError) -> [ClosedWindow] {
        try await read("list windows of model '\(model)' after window \(index)") { db in
            try Self.fetchClosedWindows(
                db, model: model, sql: "AND window_index > ? ORDER BY window_index LIMIT ?", arguments: [model, index, limit])
        }
    }

    public func closedWindows(model: String, from: Double, to: Double) async throws(StoreError) -> [ClosedWindow] {
        try await read("list windows of model '\(model)'") { db in
            try Self.fetchClosedWindows(
                db, model: model,
                sql: "AND window_end > ? AND window_start < ? ORDER BY window_start, window_index",
                arguments: [model, from, to])
        }
    }

    public func latestClosedWindow(model: String) async throws(StoreError) -> ClosedWindow? {
        try await read("read the latest window of model '\(model)'") { db in
            try Self.fetchClosedWindows(
                db, model: model, sql: "ORDER BY window_start DESC, window_index DESC LIMIT 1", arguments: [model]
            ).first
        }
    }

    private static func fetchClosedWindows(
        _ db: Database, model: String, sql: String, arguments: StatementArguments
    ) throws -> [ClosedWindow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT window_index, window_start, window_end, closed_at, report_json
                FROM closed_window WHERE model_id = (SELECT id FROM model WHERE name = ?)
                """ + " " + sql,
            arguments: arguments
        ).map { row in try closedWindow(row, from: 0, model: model) }
    }

    /// The closed window in `row`'s columns `offset...offset + 4`: window index, start, end,
    /// closed_at, report_json (the order of every query that reads `closed_window`).
    static func closedWindow(_ row: Row, from offset: Int, model: String) throws -> ClosedWindow {
        let index: Int64 = row[offset]
        let report = try StoreJSON.decode(WindowReport.self, from: row[offset + 4] as Data, "window \(index) of model '\(model)'")
        return ClosedWindow(
            index: index, start: row[offset + 1], end: row[offset + 2], closedAt: row[offset + 3], report: report)
    }
}
