import Foundation
import GRDB

/// The embedded ``Store``: one SQLite file through a GRDB `DatabasePool`.
///
/// - **WAL**: a `DatabasePool` always runs in WAL mode, so reads (window queries, paging through
///   predictions) proceed while a write commits, and writes are serialized by GRDB on its single
///   writer connection — concurrent `insertPredictions` calls queue, none is lost or interleaved.
/// - **Checkpoints**: the log is copied into the database file by a connection of its own beside
///   the writer (``WALCheckpointer``), not inside the commit that grows it past 1000 pages.
/// - **Durability**: `synchronous` follows ``StoreDurability`` (FULL by default). Either setting
///   makes a returned write survive `kill -9` of the process; FULL also survives power loss.
/// - **Migrations**: applied on open with GRDB's `DatabaseMigrator` (``StoreMigrations``).
/// - **Sendable**: the only state is the pool, which GRDB documents as safe to use from any thread.
///
/// Every statement takes its values through bound parameters; no user text is spliced into SQL.
public final class SQLiteStore: Store {
    /// The database file.
    public let path: String
    public let durability: StoreDurability
    let pool: DatabasePool
    /// Copies the log into the database file beside the writer (``WALCheckpointer``).
    let checkpointer: WALCheckpointer

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: `.unavailable` when the file cannot be opened, is not a database, or cannot be migrated.
    public convenience init(path: String, durability: StoreDurability = .full) throws(StoreError) {
        try self.init(path: path, durability: durability, checkpointPages: 4096)
    }

    /// - Parameter checkpointPages: log pages at which a background checkpoint starts (16 MiB of
    ///   4 KiB pages by default; tests use fewer).
    init(path: String, durability: StoreDurability, checkpointPages: Int32) throws(StoreError) {
        self.path = path
        self.durability = durability
        let checkpointer = WALCheckpointer(pages: checkpointPages)
        self.checkpointer = checkpointer
        var configuration = Configuration()
        // Another process (a second server by mistake, the sqlite3 shell) may hold the write lock
        // briefly; wait for it rather than failing the request at once.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability.synchronousPragma)
            // The id index takes inserts all over its range (ids are not ordered); a 32 MiB page
            // cache keeps its inner pages in memory instead of re-reading them per batch, and
            // memory-mapped reads spare a pread copy per page. Measured with the throughput test.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            // A long read (paging a baseline range) can let the WAL grow past its usual ~4 MiB;
            // truncate it back to 64 MiB at the next checkpoint instead of keeping the peak size.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            checkpointer.install(on: db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(pool)
            var checkpointing = Configuration()
            checkpointing.prepareDatabase { db in try db.execute(sql: durability.synchronousPragma) }
            checkpointer.start(try DatabaseQueue(path: path, configuration: checkpointing))
        } catch {
            throw .unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// The migrations applied to the file, in order.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await read("list migrations") { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    /// Checkpoints the WAL into the database file, closes the pool's connections and removes the
    /// `-wal` and `-shm` files, so a cleanly stopped store is a single file again.
    ///
    /// SQLite deletes them only when the last connection to close can write; GRDB's pool closes
    /// its writer before its read-only readers, so once a read has opened a reader the files
    /// stayed. Hence a truncating checkpoint first (the log is empty even if the files stay, e.g.
    /// while another process has the file open), then one short-lived writable connection whose
    /// close, as the only connection, removes them.
    public func close() async throws(StoreError) {
        await checkpointer.stop()
        do {
            _ = try await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
            try DatabaseQueue(path: path).close()
        } catch {
            throw .failed(operation: "close the store", reason: Self.reason(error))
        }
    }

    /// Runs `body` in one write transaction; a thrown error rolls it back.
    func write<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed(operation: operation, reason: Self.reason(error))
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed(operation: operation, reason: Self.reason(error))
        }
    }

    /// The id of model `name`, or nil.
    static func modelID(_ db: Database, _ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM model WHERE name = ?"), arguments: [name])
    }

    /// The id of model `name`.
    /// - Throws: `StoreError.notFound` naming the model.
    static func requireModelID(_ db: Database, _ name: String) throws -> Int64 {
        guard let id = try modelID(db, name) else { throw StoreError.notFound("model '\(name)'") }
        return id
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return String(describing: error)
    }
}
