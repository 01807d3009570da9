/// How far an acknowledged write is protected, i.e. SQLite's `synchronous` setting in WAL mode.
///
/// In WAL mode a commit appends the transaction to the `-wal` file. With `.normal` that append is
/// a `write(2)` into the operating system's page cache, not yet an `fsync`: once the call returns,
/// the transaction survives a crash or `kill -9` of this process (the kernel still holds and
/// eventually writes the pages, and the next open replays the WAL), but a power loss or kernel
/// crash can lose the last transactions (never corrupt the file). With `.full` every commit also
/// `fsync`s the WAL, so an acknowledged write survives power loss too, at the price of one
/// `fsync` per transaction — negligible for batches of hundreds of events, dominant for
/// single-event requests.
public enum StoreDurability: String, Sendable, Equatable, CaseIterable {
    /// `PRAGMA synchronous = FULL`: survives power loss. The default.
    case full
    /// `PRAGMA synchronous = NORMAL`: survives process crashes (`kill -9`), not power loss.
    case normal
}

extension StoreDurability {
    /// The statement that sets this durability on a connection (the writer's, and the
    /// checkpointing connection's, whose checkpoints sync the database file the same way).
    var synchronousPragma: String {
        switch self {
        case .full: "PRAGMA synchronous = FULL"
        case .normal: "PRAGMA synchronous = NORMAL"
        }
    }
}
