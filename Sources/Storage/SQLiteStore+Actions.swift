import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// Stores a new run unless one with its idempotency key exists.
    static func insertActionRun(_ run: ActionRun, json: Data, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO action_run (idempotency_key, action, adapter, model, status, dry_run, created_at, updated_at, target_resource, run_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING
                """,
            arguments: [
                run.idempotencyKey, run.action, run.adapter.rawValue, run.model, run.status.rawValue, run.dryRun, run.createdAt,
                run.updatedAt, run.target?.resource, json,
            ])
    }

    public func actionRuns(statuses: Set<ActionStatus>?, beforeID: Int64?, limit: Int) async throws(StoreError) -> [ActionRun] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let statuses {
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
            arguments += statuses.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue)
        }
        if let beforeID {
            conditions.append("id < ?")
            arguments.append(beforeID)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let query = "SELECT id, run_json FROM action_run \(filter) ORDER BY id DESC LIMIT ?"
        let bound = StatementArguments(arguments + [limit])
        return try decodeRuns(try await read("read action runs") { db in try Self.rows(db, query, bound) })
    }

    public func actionRun(id: Int64) async throws(StoreError) -> ActionRun? {
        try decodeRuns(try await read("read an action run") { db in
            try Self.rows(db, "SELECT id, run_json FROM action_run WHERE id = ?", [id])
        }).first
    }

    public func actionRuns(action: String, model: String, createdSince since: Double) async throws(StoreError) -> [ActionRun] {
        try decodeRuns(try await read("read recent action runs") { db in
            try Self.rows(
                db, "SELECT id, run_json FROM action_run WHERE action = ? AND model = ? AND created_at >= ? ORDER BY created_at, id",
                [action, model, since])
        })
    }

    public func updateActionRun(_ run: ActionRun) async throws(StoreError) {
        let json = try StoreJSON.encode(run, "action run \(run.id)")
        let changed = try await write("update an action run") { db in
            try db.execute(
                sql: "UPDATE action_run SET status = ?, updated_at = ?, target_resource = ?, run_json = ? WHERE id = ?",
                arguments: [run.status.rawValue, run.updatedAt, run.target?.resource, json, run.id])
            return db.changesCount
        }
        if changed == 0 { throw .notFound("action run \(run.id)") }
    }

    public func lastActionTarget(resource: String) async throws(StoreError) -> ActionTarget? {
        let runs = try decodeRuns(try await read("read the last action target") { db in
            try Self.rows(
                db,
                """
                SELECT id, run_json FROM action_run
                WHERE target_resource = ? AND status = 'succeeded' AND dry_run = 0 ORDER BY id DESC LIMIT 1
                """, [resource])
        })
        return runs.first?.target
    }

    public func actionOutcomeCounts() async throws(StoreError) -> [ActionOutcomeCount] {
        try await read("count action outcomes") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT action, adapter, CASE WHEN dry_run = 1 AND status = 'succeeded' THEN 'dry_run' ELSE status END, COUNT(*)
                    FROM action_run WHERE status IN ('succeeded', 'failed', 'skipped', 'rejected', 'expired')
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    """
            ).map { ActionOutcomeCount(action: $0[0], adapter: $0[1], outcome: $0[2], count: $0[3]) }
        }
    }

    private static func rows(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [(Int64, Data)] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0], $0[1]) }
    }

    private func decodeRuns(_ rows: [(Int64, Data)]) throws(StoreError) -> [ActionRun] {
        var runs: [ActionRun] = []
        for (id, json) in rows {
            var run = try StoreJSON.decode(ActionRun.self, from: json, "action run \(id)")
            run.id = id
            runs.append(run)
        }
        return runs
    }
}
