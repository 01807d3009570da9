import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    public func putBaseline(model: String, profile: BaselineProfile, activate: Bool, at time: Double)
        async throws(StoreError)
    {
        let json = try StoreJSON.encode(profile, "baseline '\(profile.name)' of model '\(model)'")
        try await write("store baseline '\(profile.name)' of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            if activate {
                try db.execute(
                    sql: "UPDATE baseline SET is_active = 0 WHERE model_id = ? AND is_active = 1", arguments: [modelID])
            }
            try db.execute(
                sql: """
                    INSERT INTO baseline (model_id, name, row_count, created_at, is_active, profile_json)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (model_id, name) DO UPDATE SET
                        row_count = excluded.row_count, created_at = excluded.created_at,
                        is_active = CASE WHEN excluded.is_active = 1 THEN 1 ELSE baseline.is_active END,
                        profile_json = excluded.profile_json
                    """,
                arguments: [modelID, profile.name, profile.rowCount, time, activate ? 1 : 0, json])
        }
    }

    public func activateBaseline(model: String, name: String) async throws(StoreError) {
        try await write("activate baseline '\(name)' of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            let exists = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM baseline WHERE model_id = ? AND name = ?", arguments: [modelID, name]) ?? false
            guard exists else { throw StoreError.notFound("baseline '\(name)' of model '\(model)'") }
            try db.execute(
                sql: "UPDATE baseline SET is_active = 0 WHERE model_id = ? AND is_active = 1", arguments: [modelID])
            try db.execute(
                sql: "UPDATE baseline SET is_active = 1 WHERE model_id = ? AND name = ?", arguments: [modelID, name])
        }
    }

    public func baseline(model: String, name: String) async throws(StoreError) -> StoredBaseline? {
        try await read("read baseline '\(name)' of model '\(model)'") { db in
            try Self.fetchBaseline(
                db, model: model, condition: "baseline.name = ?", arguments: [model, name])
        }
    }

    public func activeBaseline(model: String) async throws(StoreError) -> StoredBaseline? {
        try await read("read the active baseline of model '\(model)'") { db in
            try Self.fetchBaseline(db, model: model, condition: "baseline.is_active = 1", arguments: [model])
        }
    }

    public func baselines(model: String) async throws(StoreError) -> [BaselineSummary] {
        try await read("list baselines of model '\(model)'") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT baseline.name, row_count, baseline.created_at, is_active
                    FROM baseline JOIN model ON model.id = baseline.model_id
                    WHERE model.name = ? ORDER BY baseline.name
                    """,
                arguments: [model]
            ).map { row in BaselineSummary(name: row[0], rowCount: row[1], createdAt: row[2], isActive: row[3]) }
        }
    }

    private static func fetchBaseline(
        _ db: Database, model: String, condition: String, arguments: StatementArguments
    ) throws -> StoredBaseline? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT baseline.name, row_count, baseline.created_at, is_active, profile_json
                    FROM baseline JOIN model ON model.id = baseline.model_id
                    WHERE model.name = ? AND \(condition)
                    """,
                arguments: arguments)
        else { return nil }
        let summary = BaselineSummary(name: row[0], rowCount: row[1], createdAt: row[2], isActive: row[3])
        let json: Data = row[4]
        let profile = try StoreJSON.decode(
            BaselineProfile.self, from: json, "baseline '\(summary.name)' of model '\(model)'")
        return StoredBaseline(summary: summary, profile: profile)
    }
}
