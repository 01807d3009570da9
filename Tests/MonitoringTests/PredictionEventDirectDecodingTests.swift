import DriftStatistics
import Testing

@testable import Monitoring

/// The direct path must agree with the general one: same events, same rejections, same
/// undeclared counts, for NDJSON and JSON arrays, on plain lines and on every kind of damage.
@Suite struct PredictionEventDirectDecodingTests {
    private static func decoders(_ schema: ModelSchema) -> (direct: EventBatchDecoder, general: EventBatchDecoder) {
        (EventBatchDecoder(schema: schema, directPath: true), EventBatchDecoder(schema: schema, directPath: false))
    }

    /// What the direct path alone makes of `line`.
    private static func direct(_ decoder: EventBatchDecoder, _ line: String) -> PredictionEvent? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, range: 0..<buffer.count)
            guard let event = decoder.decodePredictionDirectly(&reader), reader.consumesRest() else { return nil }
            return event
        }
    }

    @Test func plainLinesAreReadDirectlyIntoTheSameEvent() throws {
        let (direct, general) = Self.decoders(try decoderTestSchema())
        let lines = [
            #"{"id":"req-1","timestamp":"2026-11-21T10:00:00.123Z","version":"7","features":{"amount":42.5,"country":"DE","is_new":true},"prediction":0.91,"latency_ms":12.4}"#,
            #" { "prediction" : 0.5 , "features" : { "is_new" : false , "amount" : -1e-3 } , "id" : "b" } "#,
            #"{"id":"c","features":{},"prediction":1,"version":12,"timestamp":1790000000.5}"#,
            #"{"id":"d","features":{"country":12.50,"amount":null},"prediction":0,"latency_ms":null,"version":null,"timestamp":null}"#,
            #"{"id":"é-unicode values are fine","features":{"country":"Ünïcode"},"prediction":0.25}"#,
        ]
        for line in lines {
            let event = try #require(Self.direct(direct, line), "not read directly: \(line)")
            let expected = try general.decodePredictions(Array(line.utf8), as: .ndjson)
            #expect(expected.accepted == [event], "\(line)")
            #expect(event.hasFeatureNames(["amount", "country", "is_new"]))
        }
        #expect(Self.direct(direct, lines[2])?.version == "12")
        #expect(Self.direct(direct, lines[3])?.featureValues == [.missing, .string("12.50"), .missing])
    }

    @Test func linesTheDirectPathLeavesToTheGeneralOne() throws {
        let (direct, general) = Self.decoders(try decoderTestSchema())
        let lines = [
            #"{"id":"a","features":{"amount":1,"colour":"red"},"prediction":0.2}"#,
            #"{"id":"b","features":{"amo\u0075nt":1},"prediction":0.2}"#,
            #"{"i\u0064":"c","features":{},"prediction":0.2}"#,
            #"{"id":"d","features":{"amount":1,"amount":2},"prediction":0.2}"#,
            #"{"id":"e","id":"e","features":{},"prediction":0.2}"#,
            #"{"id":"f","features":{"amount":"1"},"prediction":0.2}"#,
            #"{"id":"g","features":{"amount":1e400},"prediction":0.2}"#,
            #"{"id":"h","features":{},"prediction":0.2,"extra":1}"#,
            #"{"id":"i","features":{},"prediction":0.2} trailing"#,
            #"{"id":"j","features":{},"prediction":0.2"#,
            #"{"id":"k","features":{"is_new":1},"prediction":0.2}"#,
            #"{"features":{},"prediction":0.2}"#,
            #"{"id":"l","features":[],"prediction":0.2}"#,
            #"{"id":"m","features":{"country":true},"prediction":0.2}"#,
            #"{}"#,
            "[1]",
        ]
        for line in lines {
            #expect(Self.direct(direct, line) == nil, "read directly: \(line)")
        }
        let body = ndjsonBody(lines)
        #expect(try direct.decodePredictions(body, as: .ndjson) == general.decodePredictions(body, as: .ndjson))
        let undeclared = try direct.decodePredictions(body, as: .ndjson)
        #expect(undeclared.undeclaredFeatures == ["colour": 1])
        #expect(undeclared.accepted.map(\.id) == ["a", "b", "c"])
    }

    @Test func generatedLinesDecodeAsOnTheGeneralPath() throws {
        for prediction in [PredictionSpec(type: .score), PredictionSpec(type: .probabilities, classes: ["no", "yes"])] {
            let (direct, general) = Self.decoders(try decoderTestSchema(prediction: prediction))
            var generator = SplitMix64(seed: 20261122)
            var directLines = 0
            for _ in 0..<300 {
                let lines = (0..<10).map { _ in GeneratedLine.make(&generator) }
                let body = ndjsonBody(lines)
                let fromBoth = (try direct.decodePredictions(body, as: .ndjson), try general.decodePredictions(body, as: .ndjson))
                #expect(fromBoth.0 == fromBoth.1, "\(lines)")
                let array = Array(("[" + lines.joined(separator: ",") + "]").utf8)
                let arrays = (
                    Result { try direct.decodePredictions(array, as: .jsonArray) },
                    Result { try general.decodePredictions(array, as: .jsonArray) })
                switch arrays {
                case let (.success(mine), .success(theirs)): #expect(mine == theirs, "\(lines)")
                case let (.failure(mine), .failure(theirs)): #expect("\(mine)" == "\(theirs)", "\(lines)")
                default: Issue.record("one path framed the array and the other did not: \(lines)")
                }
                directLines += lines.count { Self.direct(direct, $0) != nil }
            }
            // The generator is meant to exercise both paths: a good share of lines must be plain.
            #expect(directLines > 300, "\(directLines) of 3000 lines were read directly")
        }
    }
}

/// Prediction event lines assembled from pieces in random order, with random whitespace. Half
/// the lines use valid pieces only; the others draw from damaged ones too (wrong types, escapes,
/// undeclared, repeated or unknown keys), and are sometimes cut short or have a byte replaced.
private enum GeneratedLine {
    static func make(_ generator: inout SplitMix64) -> String {
        let clean = generator.next() % 2 == 0
        func chance(_ percent: UInt64) -> Bool { generator.next() % 100 < percent }
        func pick(_ valid: [String], _ damaged: [String] = []) -> String {
            let choices = clean || damaged.isEmpty ? valid : valid + damaged
            return choices[Int(generator.next() % UInt64(choices.count))]
        }
        func damage(_ percent: UInt64) -> Bool { !clean && chance(percent) }
        func space() -> String { chance(80) ? "" : pick([" ", "\t", "  ", "\r"]) }

        var members: [String] = []
        if !damage(10) { members.append(#""id":"# + pick([#""r1""#, #""req-2""#, #""é""#, #""a\"b""#], [#""""#, "5", "null"])) }
        if chance(60) {
            members.append(#""timestamp":"# + pick(
                ["1790000000.25", #""2026-11-21T10:00:00Z""#, "null", "-1"], [#""2026-02-30T10:00:00Z""#, "1e20", "true"]))
        }
        if chance(40) { members.append(#""version":"# + pick([#""7""#, "12", "null"], ["1.5", "[]"])) }
        if !damage(10) {
            var features: [String] = []
            let pool = [
                #""amount":"# + pick(["1.5", "-0", "0", "-2E-3", "123456789012345678901234", "null"], ["1e400", #""x""#, "true", "{}", "[1]", "01", "1."]),
                #""country":"# + pick([#""DE""#, "7", "1.5e3", "null", #""\u00e9""#, #""é""#, #""""#, #""a\nb""#], ["true"]),
                #""is_new":"# + pick(["true", "false", "null"], ["1", #""true""#]),
            ]
            for member in pool where chance(75) { features.append(member) }
            if damage(30) { features.append(pick([#""colour":"red""#, #""amo\u0075nt":2"#, #""amöunt":3"#, #""amount":4"#, #""is_new":false"#])) }
            if chance(50) { features.shuffle(using: &generator) }
            let open = damage(10) ? "[" : "{"
            members.append(#""features":"# + space() + open + features.joined(separator: "," + space()) + "}")
        }
        if !damage(10) {
            members.append(#""prediction":"# + pick(
                ["0.5", "1", #"{"no":0.25,"yes":0.75}"#, #"{"no":1}"#],
                [#""x""#, "null", "1e400", #"{"no":0.5,"maybe":0.5}"#, "{}"]))
        }
        if chance(30) { members.append(#""latency_ms":"# + pick(["3", "null", "2.5"], ["-1", #""x""#])) }
        if damage(10) { members.append(#""extra":1"#) }
        if damage(10), let first = members.first { members.append(first) }
        if chance(40) { members.shuffle(using: &generator) }
        var line = space() + "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}" + space()
        if damage(10) { line += pick(["x", ",", "}", " {}"]) }
        if damage(10) { line = String(line.prefix(Int(generator.next() % UInt64(line.count + 1)))) }
        if damage(10), !line.isEmpty {
            var bytes = Array(line.utf8)
            bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(pick(["\"", "{", "}", ":", ",", "\\", "0", "\u{7F}"]).utf8.first!)
            line = String(decoding: bytes, as: UTF8.self)
        }
        return line
    }
}
