import Monitoring
import Testing

@testable import Storage

@Suite struct FeatureBlobTests {
    @Test func theLayoutIsTheSortedNamesWithEachOnesPositionInTheEvent() {
        let names = ["zeta", "caf\u{E9}", "alpha", "日本", ""]
        let (layout, order) = FeatureBlob.layout(of: names)
        #expect(layout == ["", "alpha", "caf\u{E9}", "zeta", "日本"])
        #expect(order == [4, 2, 1, 0, 3])
    }

    @Test func writesTheDocumentedBytesInLayoutOrder() {
        // Event order b, a; layout a, b: 1 + 1.0 as a little-endian double, then 4 + length 3 + "xyz".
        let event = PredictionEvent(id: "e", features: ["b": .string("xyz"), "a": .number(1)], prediction: .number(0))
        let (layout, order) = FeatureBlob.layout(of: ["b", "a"])
        var writer = ByteWriter()
        FeatureBlob.encode([.string("xyz"), .number(1)], order: order, into: &writer)
        #expect(layout == ["a", "b"])
        #expect(writer.bytes == [1, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 4, 3, 0x78, 0x79, 0x7A])
        #expect(FeatureBlob.decode(writer.bytes, layout: layout) == event.features)
    }

    @Test func roundTripsEveryValueKindBitForBit() {
        let features: [String: FeatureValue] = [
            "a": .number(-0.0), "b": .number(.nan), "c": .number(Double.leastNonzeroMagnitude), "d": .string("日本"), "e": .string(""),
            "f": .bool(true), "g": .bool(false), "h": .missing, "i": .number(.greatestFiniteMagnitude),
        ]
        let event = PredictionEvent(id: "e", features: features, prediction: .number(0))
        let (layout, order) = FeatureBlob.layout(of: event.featureNames)
        var writer = ByteWriter()
        FeatureBlob.encode(event.featureValues, order: order, into: &writer)
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

    @Test func refusesDamagedBlobs() {
        var writer = ByteWriter()
        FeatureBlob.encode([.number(1), .string("xyz")], order: [0, 1], into: &writer)
        #expect(FeatureBlob.decode(Array(writer.bytes.dropLast()), layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode(writer.bytes + [0], layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode([9], layout: ["a"]) == nil)
        #expect(FeatureBlob.decodeLayout([0xff, 0xff]) == nil)
        #expect(ProbabilitiesBlob.decode(ProbabilitiesBlob.encode(["x": 0.25, "y": 0.75])) == ["x": 0.25, "y": 0.75])
        #expect(ProbabilitiesBlob.decode([3, 1]) == nil)
    }
}
