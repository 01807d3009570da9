/// What an idempotent insert did with a batch: every event is either newly stored or recognised
/// as already stored (same model and `id`), so `inserted + duplicates` is the batch size.
public struct InsertOutcome: Sendable, Equatable {
    /// Events stored by this call.
    public var inserted: Int
    /// Events whose `id` was already stored for the model (earlier, or earlier in the same batch);
    /// they were left untouched.
    public var duplicates: Int

    public init(inserted: Int, duplicates: Int) {
        self.inserted = inserted
        self.duplicates = duplicates
    }
}
