import Foundation
import GRDB
import Testing

@testable import Storage

@Suite struct StoreMigrationsTests {
    @Test func migratesAnEmptyFileToTheCurrentSchemaInWALWithTheChosenDurability() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            #expect(try await store.appliedMigrations() == StoreMigrations.identifiers)
            let (journal, synchronous, tables) = try await store.pool.read { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
                )
            }
            #expect(journal == "wal")
            #expect(synchronous == 2)
            #expect(
                tables == [
                    "action_run", "alert_rule_state", "alert_transition", "baseline", "closed_window", "feature_layout", "label", "metric_anomaly_state",
                    "metric_sample",
                    "metric_series", "model", "notification", "open_window", "prediction", "prediction_receipt", "window_performance",
                    "window_state",
                ])
            let normal = try SQLiteStore(path: directory.path("normal.sqlite"), durability: .normal)
            #expect(try await normal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
        }
    }

    /// Predictions stored before receipts existed get one receipt per run of consecutive seqs
    /// with the same model and receipt time; the per-row index is gone.
    @Test func version5BackfillsReceiptsAsRunsOfOneModelAndReceiptTime() async throws {
        try await withTemporaryDirectory { directory in
            let queue = try DatabaseQueue(path: directory.path())
            try StoreMigrations.migrator.migrate(queue, upTo: StoreMigrations.identifiers[3])
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO model (id, name, schema_json, created_at, updated_at) VALUES (1, 'a', '{}', 0, 0), (2, 'b', '{}', 0, 0)")
                try db.execute(sql: "INSERT INTO feature_layout (id, names) VALUES (1, x'')")
                // (seq, model, received): a's batch, b's batch, a's second batch with the same
                // receipt time, a's batch received later.
                for (seq, model, received) in [(1, 1, 10.0), (2, 1, 10), (3, 1, 10), (4, 2, 10), (5, 2, 10), (6, 1, 10), (7, 1, 10), (8, 1, 20)] {
                    try db.execute(
                        sql: """
                            INSERT INTO prediction (seq, model_id, event_id, event_time, received_at, prediction, layout_id, features)
                            VALUES (?, ?, ?, 0, ?, 0.5, 1, x'')
                            """,
                        arguments: [seq, model, "e\(seq)", received])
                }
            }
            try StoreMigrations.migrator.migrate(queue)
            let (receipts, indexes) = try await queue.read { db in
                (
                    try Row.fetchAll(db, sql: "SELECT model_id, first_seq, last_seq, received_at FROM prediction_receipt ORDER BY first_seq")
                        .map { row -> String in "\(row[0] as Int):\(row[1] as Int)-\(row[2] as Int)@\(row[3] as Double)" },
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'prediction' ORDER BY name")
                )
            }
            #expect(receipts == ["1:1-3@10.0", "2:4-5@10.0", "1:6-7@10.0", "1:8-8@20.0"])
            #expect(indexes == ["prediction_event", "prediction_event_time"])
        }
    }

    @Test func reopeningAMigratedFileAppliesNothingTwice() async throws {
        try await withTemporaryDirectory { directory in
            _ = try SQLiteStore(path: directory.path())
            let reopened = try SQLiteStore(path: directory.path())
            #expect(try await reopened.appliedMigrations() == StoreMigrations.identifiers)
        }
    }

    @Test func aFileThatIsNotADatabaseIsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.path("garbage.sqlite")
            try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
            #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        }
    }
}
