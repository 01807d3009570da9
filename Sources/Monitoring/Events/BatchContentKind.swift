/// How a batch body frames its events.
public enum BatchContentKind: Sendable, Equatable {
    /// One JSON object per line (`application/x-ndjson`); blank lines are skipped but counted, so
    /// line numbers match the user's editor.
    case ndjson
    /// One JSON array of objects (`application/json`); an element's "line" is its 1-based index.
    case jsonArray
}
