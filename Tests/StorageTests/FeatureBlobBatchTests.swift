import Monitoring
import Testing

@testable import Storage

@Suite struct FeatureBlobBatchTests {
    @Test func encodesEachEventInItsOwnLayoutAndSharesRepeatedLayouts() {
        var events = StoreTestData.events(6)
        events[2].features["extra"] = .bool(true)
        events[4].features = [:]
        events[5].features["extra"] = .string("again")
        let batch = FeatureBlobBatch(events)
        #expect(batch.layouts.count == 3)
        #expect(batch.layoutOfEvent == [0, 0, 1, 0, 2, 1])
        var start = 0
        for (position, event) in events.enumerated() {
            let end = batch.ends[position]
            let blob = Array(batch.bytes[start..<end])
            #expect(FeatureBlob.decode(blob, layout: batch.layouts[batch.layoutOfEvent[position]]) == event.features)
            start = end
        }
        #expect(start == batch.bytes.count)
    }
}
