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

    @Test func aCanonicallyEquivalentSpellingSharesTheLayout() {
        let composed = PredictionEvent(id: "a", features: ["caf\u{E9}": .number(1), "x": .bool(true)], prediction: .number(0))
        let decomposed = PredictionEvent(id: "b", features: ["cafe\u{301}": .number(2), "x": .missing], prediction: .number(0))
        let batch = FeatureBlobBatch([composed, decomposed])
        #expect(batch.layouts.count == 1)
        #expect(batch.layoutOfEvent == [0, 0])
        let second = Array(batch.bytes[batch.ends[0]..<batch.ends[1]])
        #expect(FeatureBlob.decode(second, layout: batch.layouts[0]) == decomposed.features)
    }
}
