/// What an idempotent insert did with a batch: every event is either newly stored or recognised
/// as already stored (same model and `id`), so `inserted + duplicates` is the batch size.
public struct InsertOutcome: Sendable, Equatable {
    /// Events stored by this call.
    public var inserted: Int
    /// Events whose `id` was already stored for the model (earlier, or earlier in the same batch);
    /// they were left untouched.
    public var duplicates: Int
    /// The 0-based positions in the batch of the duplicates, in increasing order, so the caller
    /// adds only the new events to its window profiles (a re-sent batch is not counted twice).
    public var duplicatePositions: [Int]
    /// The store's insertion sequence number of the last event stored by this call, nil when none
    /// was. Sequence numbers increase with each stored event of a table (see
    /// ``OpenWindows/appliedThrough``).
    public var lastSequence: Int64?

    public init(inserted: Int, duplicates: Int, duplicatePositions: [Int] = [], lastSequence: Int64? = nil) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.duplicatePositions = duplicatePositions
        self.lastSequence = lastSequence
    }
}
