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

    init(_ events: [PredictionEvent]) {
        layoutOfEvent.reserveCapacity(events.count)
        ends.reserveCapacity(events.count)
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(events.count * 256)
        var tables: [FeatureNameTable] = []
        var slots: [FeatureValue] = []
        var current = -1
        for event in events {
            let start = writer.bytes.count
            if current < 0 || !FeatureBlob.encode(event.features, table: tables[current], slots: &slots, into: &writer) {
                writer.bytes.removeSubrange(start...)
                let names = FeatureBlob.layout(of: event.features)
                if let known = layouts.firstIndex(of: names) {
                    current = known
                } else {
                    layouts.append(names)
                    tables.append(FeatureNameTable(names))
                    current = layouts.count - 1
                }
                // A known layout equal under Unicode canonical equivalence still matches: the
                // table falls back to `==`, so this cannot fail.
                _ = FeatureBlob.encode(event.features, table: tables[current], slots: &slots, into: &writer)
            }
            layoutOfEvent.append(current)
            ends.append(writer.bytes.count)
        }
        bytes = writer.bytes
    }
}
