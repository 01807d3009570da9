import Foundation
import Monitoring
import Testing

@Suite struct ModelSchemaTests {
    private func decode(_ json: String) throws(ModelSchemaError) -> ModelSchema {
        try ModelSchema.decode(json: Data(json.utf8))
    }

    private let fullBody = #"""
        {"features":[{"name":"amount","type":"numeric"},{"name":"country","type":"categorical"},
                     {"name":"is_new","type":"boolean"}],
         "prediction":{"type":"probabilities","classes":["fraud","ok"]},
         "label":{"type":"class"},"window":"1h30m"}
        """#

    @Test func decodesTheDesignBody() throws {
        let schema = try decode(fullBody)
        #expect(schema.features == [
            FeatureSpec(name: "amount", type: .numeric), FeatureSpec(name: "country", type: .categorical),
            FeatureSpec(name: "is_new", type: .boolean),
        ])
        #expect(schema.prediction == PredictionSpec(type: .probabilities, classes: ["fraud", "ok"]))
        #expect(schema.label == LabelSpec(type: .class))
        #expect(schema.window == .duration(seconds: 5400))
    }

    @Test func roundTripsThroughJSON() throws {
        let bodies = [
            fullBody,
            #"{"features":[{"name":"x","type":"numeric"}],"prediction":{"type":"score"},"window":{"rows":10000}}"#,
            #"{"features":[{"name":"x","type":"numeric"}],"prediction":{"type":"regression"},"label":{"type":"numeric"}}"#,
        ]
        for body in bodies {
            let schema = try decode(body)
            let encoded = try JSONEncoder().encode(schema)
            #expect(try ModelSchema.decode(json: encoded) == schema)
        }
        let defaulted = try decode(bodies[2])
        #expect(defaulted.window == .duration(seconds: 3600))
        let encoded = String(decoding: try JSONEncoder().encode(defaulted), as: UTF8.self)
        #expect(encoded.contains(#""window":"1h""#))
    }

    private static let feature = #"{"name":"x","type":"numeric"}"#

    @Test(arguments: [
        (#"{"features":[{"name":"","type":"numeric"}],"prediction":{"type":"score"}}"#,
         ModelSchemaError.emptyName(field: "features[0].name")),
        (#"{"features":[\#(feature),{"name":"y","type":"numeric"},\#(feature)],"prediction":{"type":"score"}}"#,
         .duplicateName(field: "features[2].name", name: "x", firstField: "features[0].name")),
        (#"{"features":[\#(feature),{"name":"\#(String(repeating: "é", count: 257))","type":"numeric"}],"prediction":{"type":"score"}}"#,
         .nameTooLong(field: "features[1].name", length: 257)),
        (#"{"features":[\#(feature),{"name":"y","type":"numbr"}],"prediction":{"type":"score"}}"#,
         .unknownType(field: "features[1].type", value: "numbr", allowed: ["numeric", "categorical", "boolean"])),
        (#"{"features":[\#(feature)],"prediction":{"type":"scores"}}"#,
         .unknownType(field: "prediction.type", value: "scores", allowed: ["score", "class", "regression", "probabilities"])),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"label":{"type":"bool"}}"#,
         .unknownType(field: "label.type", value: "bool", allowed: ["binary", "class", "numeric"])),
        (#"{"features":[\#(feature)],"prediction":{"type":"class"}}"#,
         .classesRequired(field: "prediction.classes", predictionType: "class")),
        (#"{"features":[\#(feature)],"prediction":{"type":"probabilities","classes":["a"]}}"#,
         .tooFewClasses(field: "prediction.classes")),
        (#"{"features":[\#(feature)],"prediction":{"type":"class","classes":["a","b","a"]}}"#,
         .duplicateName(field: "prediction.classes[2]", name: "a", firstField: "prediction.classes[0]")),
        (#"{"features":[\#(feature)],"prediction":{"type":"class","classes":["a",""]}}"#,
         .emptyName(field: "prediction.classes[1]")),
        (#"{"features":[\#(feature)],"prediction":{"type":"class","classes":["a",3]}}"#,
         .wrongType(field: "prediction.classes[1]", expected: "a string")),
        (#"{"features":[\#(feature)],"prediction":{"type":"score","classes":["a","b"]}}"#,
         .classesNotAllowed(field: "prediction.classes", predictionType: "score")),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":"0s"}"#,
         .invalidWindow(field: "window", .nonPositiveDuration("0s"))),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":"1hour"}"#,
         .invalidWindow(field: "window", .malformedDuration("1hour", reason: "unknown unit 'hour' (use ms, s, m, h, d, w or y)"))),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":{"rows":0}}"#,
         .invalidWindow(field: "window", .nonPositiveRows(0))),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":{"rows":10,"hours":1}}"#,
         .unknownKey(field: "window.hours")),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":{"rows":"10"}}"#,
         .wrongType(field: "window.rows", expected: "an integer")),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"window":60}"#,
         .wrongType(field: "window", expected: #"a duration string like "1h" or {"rows": N}"#)),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"windows":"1h"}"#,
         .unknownKey(field: "windows")),
        (#"{"features":[\#(feature),{"name":"y","type":"numeric","nullable":true}],"prediction":{"type":"score"}}"#,
         .unknownKey(field: "features[1].nullable")),
        (#"{"features":[\#(feature)],"prediction":{"type":"class","clases":["a","b"]}}"#,
         .unknownKey(field: "prediction.clases")),
        (#"{"features":[\#(feature)],"prediction":{"type":"score"},"label":{"type":"binary","positive":1}}"#,
         .unknownKey(field: "label.positive")),
        (#"{"features":[],"prediction":{"type":"score"}}"#, .noFeatures),
        (#"{"prediction":{"type":"score"}}"#, .missingField(field: "features")),
        (#"{"features":[\#(feature)]}"#, .missingField(field: "prediction")),
        (#"{"features":[{"type":"numeric"}],"prediction":{"type":"score"}}"#, .missingField(field: "features[0].name")),
        (#"{"features":[{"name":"x"}],"prediction":{"type":"score"}}"#, .missingField(field: "features[0].type")),
        (#"{"features":[{"name":7,"type":"numeric"}],"prediction":{"type":"score"}}"#,
         .wrongType(field: "features[0].name", expected: "a string")),
        (#"{"features":{"x":"numeric"},"prediction":{"type":"score"}}"#,
         .wrongType(field: "features", expected: "an array")),
    ])
    func refusesWithTheField(json: String, error: ModelSchemaError) {
        #expect(throws: error) { try decode(json) }
    }

    @Test func namesFieldsInMessages() {
        let error = ModelSchemaError.duplicateName(field: "features[3].name", name: "x", firstField: "features[0].name")
        #expect(error.field == "features[3].name")
        #expect(error.description == "features[3].name: 'x' repeats features[0].name")
        #expect(ModelSchemaError.unknownKey(field: "windows").description == "windows: unknown key")
    }

    @Test func acceptsNamesPrometheusLabelsCannotSpellAsIs() throws {
        let schema = try decode(#"{"features":[{"name":"Betrag (€)\n\"x\"","type":"numeric"}],"prediction":{"type":"score"}}"#)
        #expect(schema.features[0].name == "Betrag (€)\n\"x\"")
        let longest = String(repeating: "a", count: 256)
        #expect(throws: Never.self) {
            try ModelSchema(features: [FeatureSpec(name: longest, type: .boolean)], prediction: PredictionSpec(type: .score))
        }
    }

    @Test func refusesMalformedJSON() {
        #expect(throws: ModelSchemaError.self) { try decode(#"{"features":["#) }
        do {
            _ = try decode("[1,2]")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "")
        }
    }
}
