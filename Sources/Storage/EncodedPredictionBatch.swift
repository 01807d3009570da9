import Monitoring

/// A batch of prediction events with their feature blobs encoded (``FeatureBlobBatch``): what
/// ``Store/insertPredictions(model:batch:receivedAt:)`` stores. Encoding is a separate step so a
/// caller can do it before queueing for the store's single writer, in parallel with other batches.
public struct EncodedPredictionBatch: Sendable {
    /// The events, in batch order.
    public let events: [PredictionEvent]
    let blobs: FeatureBlobBatch

    public init(_ events: [PredictionEvent]) {
        self.events = events
        blobs = FeatureBlobBatch(events)
    }
}
