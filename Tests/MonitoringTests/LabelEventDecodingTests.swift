import Monitoring
import Testing

@Suite struct LabelEventDecodingTests {
    @Test func labelsFollowTheSchemasLabelType() throws {
        let binary = EventBatchDecoder(schema: try decoderTestSchema())
        let result = try binary.decodeLabels(ndjsonBody([
            #"{"id":"a","label":1,"timestamp":"2026-11-21T11:00:00Z"}"#,
            #"{"id":"b","label":false}"#,
            #"{"id":"c","label":2}"#,
            #"{"id":"d","label":"yes"}"#,
            #"{"id":"e"}"#,
            #"{"id":"f","label":0,"extra":1}"#,
        ]), as: .ndjson)
        #expect(result.accepted == [
            LabelEvent(id: "a", label: .bool(true), timestamp: 1_795_258_800), LabelEvent(id: "b", label: .bool(false)),
        ])
        #expect(result.rejected == [
            BatchRejection(line: 3, error: "label: expected true, false, 0 or 1, got 2"),
            BatchRejection(line: 4, error: "label: expected boolean or 0/1, got string"),
            BatchRejection(line: 5, error: "label: required"),
            BatchRejection(line: 6, error: "unknown key 'extra'"),
        ])

        let classes = EventBatchDecoder(schema: try decoderTestSchema(label: LabelSpec(type: .class)))
        let classResult = try classes.decodeLabels(ndjsonBody([
            #"{"id":"a","label":"cat"}"#, #"{"id":"b","label":3}"#, #"{"id":"c","label":3.5}"#,
        ]), as: .ndjson)
        #expect(classResult.accepted.map(\.label) == [.string("cat"), .string("3")])
        #expect(classResult.rejected == [BatchRejection(line: 3, error: "label: expected string or integer class id, got number")])

        let numeric = EventBatchDecoder(schema: try decoderTestSchema(label: LabelSpec(type: .numeric)))
        let numericResult = try numeric.decodeLabels(ndjsonBody([#"{"id":"a","label":2.5}"#, #"{"id":"b","label":true}"#]), as: .ndjson)
        #expect(numericResult.accepted.map(\.label) == [.number(2.5)])
        #expect(numericResult.rejected == [BatchRejection(line: 2, error: "label: expected number, got boolean")])

        let unlabeled = EventBatchDecoder(schema: try decoderTestSchema(label: nil))
        let unlabeledResult = try unlabeled.decodeLabels(ndjsonBody([#"{"id":"a","label":1}"#]), as: .ndjson)
        #expect(unlabeledResult.rejected == [BatchRejection(line: 1, error: "label: the model declares no label type")])
    }
}
