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
                    "baseline", "closed_window", "feature_layout", "label", "metric_sample", "metric_series", "model", "open_window",
                    "prediction", "window_performance", "window_state",
                ])
            let normal = try SQLiteStore(path: directory.path("normal.sqlite"), durability: .normal)
            #expect(try await normal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
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
