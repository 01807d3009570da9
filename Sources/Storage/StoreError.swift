/// Why the store could not do what was asked, with what an operator needs to act on it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated; `reason` is SQLite's message.
    case unavailable(path: String, reason: String)
    /// A model, baseline or window that the request names does not exist.
    case notFound(String)
    /// A stored row could not be decoded: the file was written by an incompatible version or damaged.
    case corrupt(String)

    public var description: String {
        switch self {
        case .unavailable(let path, let reason): return "cannot open the store at \(path): \(reason)"
        case .notFound(let what): return "\(what) does not exist"
        case .corrupt(let detail): return "stored data is damaged: \(detail)"
        }
    }
}
