import GRDB
import GRDBSQLite
import Synchronization

/// Keeps the write-ahead log short without making the store's writer copy it into the database
/// file: the copy runs on a connection of its own, beside the writer.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the log past 1000 pages, on the
/// writing connection, so every few ingest batches one of them also wrote ~4 MiB into the database
/// file; `ingest-bench` measured ingest about a quarter faster without it. Here:
/// - the writer's WAL hook (which replaces the automatic checkpoint) asks for a checkpoint once the
///   log holds ``pages`` pages, and a background task runs a PASSIVE checkpoint on its own
///   connection, which never blocks the writer;
/// - a log is only reused from its start when a checkpoint has copied all of it, and under steady
///   ingest the writer appends while the background copy runs, so the commit after it copies that
///   short tail itself (another PASSIVE checkpoint, in the hook, as SQLite's own does). The next
///   transaction then starts the log over, and `journal_size_limit` truncates a grown file.
///
/// A failed background checkpoint is left to that tail checkpoint, which then copies the whole log,
/// as SQLite's automatic one would have.
final class WALCheckpointer: Sendable {
    private enum Phase {
        case idle
        case copying
        case tailDue
    }

    private struct State {
        var phase = Phase.idle
        var backgroundPasses = 0
        var tailCheckpoints = 0
        var logPages: Int32 = 0
    }

    /// Log pages (of the database's page size) at which a background checkpoint starts.
    let pages: Int32
    private let state = Mutex(State())
    private let requests: AsyncStream<Void>
    private let requested: AsyncStream<Void>.Continuation
    private let worker = Mutex<(task: Task<Void, Never>, connection: DatabaseQueue)?>(nil)

    init(pages: Int32) {
        self.pages = pages
        (requests, requested) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Background checkpoint passes run and tail checkpoints done by the writer so far.
    var checkpoints: (background: Int, tail: Int) { state.withLock { ($0.backgroundPasses, $0.tailCheckpoints) } }
    /// The log's size in pages after the writer's latest commit.
    var lastLogPages: Int32 { state.withLock { $0.logPages } }
    /// Whether a background checkpoint was asked for and has not finished.
    var isCopying: Bool { state.withLock { $0.phase == .copying } }
    /// Whether a background checkpoint has finished and the writer's next commit copies the tail.
    var tailDue: Bool { state.withLock { $0.phase == .tailDue } }

    /// Installs the hook on a connection of the store (`prepareDatabase`). Only the writer commits,
    /// so only its hook fires. The connection must not outlive this checkpointer.
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Starts checkpointing through `connection`, a writable connection to the store's file that
    /// nothing else uses; ``stop()`` closes it.
    func start(_ connection: DatabaseQueue) {
        let requests = requests
        let task = Task.detached { [self] in
            for await _ in requests {
                // The writer appends while a pass copies; passes repeat (a few at most) until
                // what is left for the writer's tail checkpoint is small.
                for _ in 0..<4 {
                    do {
                        let (logged, copied) = try await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                        state.withLock { $0.backgroundPasses += 1 }
                        if logged - copied < Int(pages / 8) { break }
                    } catch {
                        // The writer's tail checkpoint copies what this one could not.
                        break
                    }
                }
                state.withLock { $0.phase = .tailDue }
            }
        }
        worker.withLock { $0 = (task, connection) }
    }

    /// Stops the background task and closes its connection; the hook then only asks for
    /// checkpoints nobody runs, and the writer's next tail checkpoint, if one is due, still runs.
    func stop() async {
        requested.finish()
        guard let (task, connection) = worker.withLock({ $0 }) else { return }
        await task.value
        try? connection.close()
    }

    /// After each commit of the writer, with the log's size in pages.
    fileprivate func committed(_ connection: OpaquePointer?, walPages: Int32) {
        enum Action { case none, copyInBackground, copyTail }
        let action = state.withLock { state -> Action in
            state.logPages = walPages
            switch state.phase {
            case .idle where walPages >= pages:
                state.phase = .copying
                return .copyInBackground
            case .tailDue:
                state.phase = .idle
                return .copyTail
            default:
                return .none
            }
        }
        switch action {
        case .none:
            break
        case .copyInBackground:
            requested.yield()
        case .copyTail:
            if sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                state.withLock { $0.tailCheckpoints += 1 }
            }
        }
    }
}

/// SQLite's WAL hook: a C function, so the checkpointer comes through the context pointer.
private let walHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
    context, connection, _, pages in
    if let context {
        Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(connection, walPages: pages)
    }
    return SQLITE_OK
}
