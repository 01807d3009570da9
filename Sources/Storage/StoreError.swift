/// Why the store could not do what was asked, with what an operator needs to act on it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated; `reason` is SQLite's message.
    case unavailable(path: String, reason: String)
    /// A model, baseline or window that the request names does not exist.
    case notFound(String)
    /// A stored row could not be decoded: the file was written by an incompatible version or damaged.
    case corrupt(String)
    /// A value handed to the store cannot be stored (for example a profile that does not encode).
    case invalidArgument(String)
    /// SQLite failed an operation on an open store (disk full, I/O error, busy beyond the timeout);
    /// `operation` names what was being done, `reason` is SQLite's message. Nothing of the
    /// operation was committed.
    case failed(operation: String, reason: String)

    public var description: String {
        switch self {
        case .unavailable(let path, let reason): return "cannot open the store at \(path): \(reason)"
        case .notFound(let what): return "\(what) does not exist"
        case .corrupt(let detail): return "stored data is damaged: \(detail)"
        case .invalidArgument(let detail): return "cannot store this: \(detail)"
        case .failed(let operation, let reason): return "store failed to \(operation): \(reason)"
        }
    }
}
