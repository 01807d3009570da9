import Monitoring

/// The feature blobs of a whole batch, encoded before the store takes its single writer, so
/// that concurrent ingest requests encode in parallel and the serialized part of an insert is
/// only SQLite's. One contiguous buffer with end offsets avoids an allocation per event.
struct FeatureBlobBatch: Sendable {
    /// The distinct layouts of the batch (usually one), in order of first use.
    private(set) var layouts: [[String]] = []
    /// For each event, its index in `layouts`.
    private(set) var layoutOfEvent: [Int] = []
    /// All blobs back to back.
    private(set) var bytes: [UInt8] = []
    /// For each event, the offset in `bytes` just past its blob.
    private(set) var ends: [Int] = []

    /// Events of one decoder share one names buffer, so the layout and the order of the values
    /// are worked out once per batch (per change of names), not per event.
    init(_ events: [PredictionEvent]) {
        layoutOfEvent.reserveCapacity(events.count)
        ends.reserveCapacity(events.count)
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(events.count * 256)
        var names: [String] = []
        var order: [Int] = []
        var current = -1
        for event in events {
            if current < 0 || !event.hasFeatureNames(names) {
                names = event.featureNames
                let (layout, eventOrder) = FeatureBlob.layout(of: names)
                order = eventOrder
                // A known layout equal under Unicode canonical equivalence is shared: the blob
                // holds values only, and `==` on `String` is canonical.
                if let known = layouts.firstIndex(of: layout) {
                    current = known
                } else {
                    layouts.append(layout)
                    current = layouts.count - 1
                }
            }
            FeatureBlob.encode(event.featureValues, order: order, into: &writer)
            layoutOfEvent.append(current)
            ends.append(writer.bytes.count)
        }
        bytes = writer.bytes
    }
}
