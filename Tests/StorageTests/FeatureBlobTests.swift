import Monitoring
import Testing

@testable import Storage

@Suite struct FeatureBlobTests {
    @Test func roundTripsEveryValueKindBitForBit() {
        let features: [String: FeatureValue] = [
            "a": .number(-0.0), "b": .number(.nan), "c": .number(Double.leastNonzeroMagnitude), "d": .string("日本"), "e": .string(""),
            "f": .bool(true), "g": .bool(false), "h": .missing, "i": .number(.greatestFiniteMagnitude),
        ]
        let layout = FeatureBlob.layout(of: features)
        var writer = ByteWriter()
        #expect(FeatureBlob.encode(features, layout: layout, into: &writer))
        let decoded = FeatureBlob.decode(writer.bytes, layout: layout)
        #expect(decoded?.count == features.count)
        for (name, value) in features {
            switch (value, decoded?[name]) {
            case (.number(let original), .number(let back)?): #expect(original.bitPattern == back.bitPattern, "\(name)")
            default: #expect(decoded?[name] == value, "\(name)")
            }
        }
        #expect(FeatureBlob.decodeLayout(FeatureBlob.encodeLayout(layout)) == layout)
    }

    @Test func refusesEventsOffTheLayoutAndDamagedBlobs() {
        var writer = ByteWriter()
        #expect(!FeatureBlob.encode(["a": .missing], layout: ["a", "b"], into: &writer))
        #expect(!FeatureBlob.encode(["a": .missing, "c": .missing], layout: ["a", "b"], into: &writer))
        writer = ByteWriter()
        _ = FeatureBlob.encode(["a": .number(1), "b": .string("xyz")], layout: ["a", "b"], into: &writer)
        #expect(FeatureBlob.decode(Array(writer.bytes.dropLast()), layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode(writer.bytes + [0], layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode([9], layout: ["a"]) == nil)
        #expect(FeatureBlob.decodeLayout([0xff, 0xff]) == nil)
        #expect(ProbabilitiesBlob.decode(ProbabilitiesBlob.encode(["x": 0.25, "y": 0.75])) == ["x": 0.25, "y": 0.75])
        #expect(ProbabilitiesBlob.decode([3, 1]) == nil)
    }
}
