import Monitoring
import Testing

@testable import Storage

@Suite struct FeatureBlobTests {
    @Test func findsNamesByTheirPositionIncludingCanonicallyEquivalentSpellings() {
        let names = (0..<40).map { "feature_\($0)" } + ["caf\u{E9}", "日本", ""]
        let table = FeatureNameTable(names)
        for (position, name) in names.enumerated() { #expect(table.position(of: name) == position) }
        #expect(table.position(of: "cafe\u{301}") == 40)
        #expect(table.position(of: "feature_40") == nil)
    }

    @Test func roundTripsEveryValueKindBitForBit() {
        let features: [String: FeatureValue] = [
            "a": .number(-0.0), "b": .number(.nan), "c": .number(Double.leastNonzeroMagnitude), "d": .string("日本"), "e": .string(""),
            "f": .bool(true), "g": .bool(false), "h": .missing, "i": .number(.greatestFiniteMagnitude),
        ]
        let layout = FeatureBlob.layout(of: features)
        var writer = ByteWriter()
        var slots: [FeatureValue] = []
        #expect(FeatureBlob.encode(features, table: FeatureNameTable(layout), slots: &slots, into: &writer))
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
        var slots: [FeatureValue] = []
        let table = FeatureNameTable(["a", "b"])
        #expect(!FeatureBlob.encode(["a": .missing], table: table, slots: &slots, into: &writer))
        #expect(!FeatureBlob.encode(["a": .missing, "c": .missing], table: table, slots: &slots, into: &writer))
        writer = ByteWriter()
        #expect(FeatureBlob.encode(["b": .string("xyz"), "a": .number(1)], table: table, slots: &slots, into: &writer))
        #expect(FeatureBlob.decode(Array(writer.bytes.dropLast()), layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode(writer.bytes + [0], layout: ["a", "b"]) == nil)
        #expect(FeatureBlob.decode([9], layout: ["a"]) == nil)
        #expect(FeatureBlob.decodeLayout([0xff, 0xff]) == nil)
        #expect(ProbabilitiesBlob.decode(ProbabilitiesBlob.encode(["x": 0.25, "y": 0.75])) == ["x": 0.25, "y": 0.75])
        #expect(ProbabilitiesBlob.decode([3, 1]) == nil)
    }
}
