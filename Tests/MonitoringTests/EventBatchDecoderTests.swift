import Monitoring
import Testing

@Suite struct EventBatchDecoderTests {
    @Test func mixedBodyKeepsValidLinesAndNamesEachBadOne() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        let body = ndjsonBody([
            #"{"id":"req-1","timestamp":"2026-11-21T10:00:00.123Z","version":"7","features":{"amount":42.5,"country":"DE","is_new":true},"prediction":0.91,"latency_ms":12.4}"#,
            "",
            #"{"id":"b","features":{"amount":"42"},"prediction":0.5}"#,
            #"{"features":{},"prediction":0.5}"#,
            #"{"id":"c","features":{"amount":1,}"#,
            #"{"id":"d","features":{"amount":1,"colour":"red"},"prediction":0.2}"#,
            #"{"id":"e","features":{"amount":1e400},"prediction":0.1}"#,
            " \t ",
            #"{"id":"f","features":{"is_new":1},"prediction":0.1}"#,
            "[1,2]",
            #"{"id":"","features":{},"prediction":1}"#,
            #"{"id":"g","timestamp":"2026-02-30T10:00:00Z","features":{},"prediction":1}"#,
            #"{"id":"h","timestmap":1,"features":{},"prediction":1}"#,
            #"{"id":"i","timestamp":1795255200.5,"version":8,"features":{"amount":null,"country":7},"prediction":-3}"# + "\r",
            #"{"id":"j","features":{"amount":1},"prediction":"0.5"}"#,
            #"{"id":"k","features":{"amount":1},"prediction":0.5,"id":"k2"}"#,
            #"{"id":"l","features":{"amount":1}}"#,
            #"{"id":"m","features":{"country":true},"prediction":0.5}"#,
            #"{"id":"n","features":{"colour":"red","size":3,"colour":"blue"},"prediction":0.5}"#,
            #"{"id":7,"features":{},"prediction":0.5}"#,
            #"{"id":"o","timestamp":1795255200123,"features":{},"prediction":0.5}"#,
            #"{"id":"p","features":{"amount":-0.0},"prediction":0.5,"latency_ms":-1}"#,
            #"{"id":"q","features":{"amount":1},"prediction":0.5}"#,
        ])
        let result = try decoder.decodePredictions(body, as: .ndjson)
        #expect(result.rejected == [
            BatchRejection(line: 3, error: "feature 'amount': expected number, got string"),
            BatchRejection(line: 4, error: "id: required"),
            BatchRejection(line: 5, error: "malformed JSON: unexpected '}', expected a string key (column 34)"),
            BatchRejection(line: 7, error: "feature 'amount': number 1e400 is out of range"),
            BatchRejection(line: 9, error: "feature 'is_new': expected boolean, got number"),
            BatchRejection(line: 10, error: "expected a JSON object, got array"),
            BatchRejection(line: 11, error: "id: must not be empty"),
            BatchRejection(line: 12, error: "timestamp: invalid RFC 3339 timestamp '2026-02-30T10:00:00Z': day 30 out of range for month 2 of 2026"),
            BatchRejection(line: 13, error: "unknown key 'timestmap'"),
            BatchRejection(line: 15, error: "prediction: expected number, got string"),
            BatchRejection(line: 16, error: "id: given more than once"),
            BatchRejection(line: 17, error: "prediction: required"),
            BatchRejection(line: 18, error: "feature 'country': expected string, got boolean"),
            BatchRejection(line: 19, error: "feature 'colour': given more than once"),
            BatchRejection(line: 20, error: "id: expected string, got number"),
            BatchRejection(line: 21, error: "timestamp: 1795255200123 is not epoch seconds within years 0000-9999 (milliseconds sent as seconds?)"),
            BatchRejection(line: 22, error: "latency_ms: must not be negative"),
        ])
        #expect(result.acceptedLines == [1, 6, 14, 23])
        #expect(result.accepted.map(\.id) == ["req-1", "d", "i", "q"])
        #expect(result.accepted[0] == PredictionEvent(
            id: "req-1", timestamp: 1_795_255_200.123, version: "7",
            features: ["amount": .number(42.5), "country": .string("DE"), "is_new": .bool(true)],
            prediction: .number(0.91), latencyMs: 12.4))
        #expect(result.accepted[1].features == ["amount": .number(1), "country": .missing, "is_new": .missing])
        #expect(result.accepted[2] == PredictionEvent(
            id: "i", timestamp: 1_795_255_200.5, version: "8",
            features: ["amount": .missing, "country": .string("7"), "is_new": .missing], prediction: .number(-3)))
        #expect(result.accepted[3].timestamp == nil)
        #expect(result.undeclaredFeatures == ["colour": 1])
        #expect(result.schemaViolations == 1)
    }

    @Test func classPredictions() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema(prediction: PredictionSpec(type: .class, classes: ["fraud", "ok"])))
        let result = try decoder.decodePredictions(ndjsonBody([
            #"{"id":"a","features":{},"prediction":"fraud"}"#,
            #"{"id":"b","features":{},"prediction":"Fraud"}"#,
            #"{"id":"c","features":{},"prediction":1}"#,
        ]), as: .ndjson)
        #expect(result.accepted.map(\.prediction) == [.label("fraud")])
        #expect(result.rejected == [
            BatchRejection(line: 2, error: "prediction: class 'Fraud' is not among the model's classes"),
            BatchRejection(line: 3, error: "prediction: expected string, got number"),
        ])
    }

    @Test func probabilityPredictions() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema(
            prediction: PredictionSpec(type: .probabilities, classes: ["a", "b", "c"])))
        let result = try decoder.decodePredictions(ndjsonBody([
            #"{"id":"1","features":{},"prediction":{"a":0.7,"b":0.2,"c":0.1}}"#,
            #"{"id":"2","features":{},"prediction":{"a":0.7,"b":0.2}}"#,
            #"{"id":"3","features":{},"prediction":{"a":0.5,"d":0.5}}"#,
            #"{"id":"4","features":{},"prediction":{"a":1.5,"b":-0.5}}"#,
            #"{"id":"5","features":{},"prediction":{"a":"1"}}"#,
            #"{"id":"6","features":{},"prediction":{"a":0.6,"b":0.400002}}"#,
            #"{"id":"7","features":{},"prediction":{"a":0.6,"b":0.4000001}}"#,
            #"{"id":"8","features":{},"prediction":0.3}"#,
            #"{"id":"9","features":{},"prediction":{"a":0.5,"a":0.5}}"#,
        ]), as: .ndjson)
        #expect(result.acceptedLines == [1, 7])
        #expect(result.accepted.first?.prediction == .probabilities(["a": 0.7, "b": 0.2, "c": 0.1]))
        #expect(result.rejected == [
            BatchRejection(line: 2, error: "prediction: probabilities sum to 0.8999999999999999, expected 1 (within 1e-6)"),
            BatchRejection(line: 3, error: "prediction: class 'd' is not among the model's classes"),
            BatchRejection(line: 4, error: "prediction['a']: probability 1.5 is outside [0, 1]"),
            BatchRejection(line: 5, error: "prediction['a']: expected number, got string"),
            BatchRejection(line: 6, error: "prediction: probabilities sum to 1.000002, expected 1 (within 1e-6)"),
            BatchRejection(line: 8, error: "prediction: expected object, got number"),
            BatchRejection(line: 9, error: "prediction['a']: given more than once"),
        ])
    }

    @Test func jsonArrayBodiesNumberElements() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        let body = Array("""
            [ {"id":"a","features":{"amount":1},"prediction":0.5},
              {"id":"b","features":{"amount":true},"prediction":0.5},
              "text",
              {"id":"c","features":{},"prediction":0.5} ]
            """.utf8)
        let result = try decoder.decodePredictions(body, as: .jsonArray)
        #expect(result.acceptedLines == [1, 4])
        #expect(result.rejected == [
            BatchRejection(line: 2, error: "feature 'amount': expected number, got boolean"),
            BatchRejection(line: 3, error: "expected a JSON object, got string"),
        ])
        #expect(try decoder.decodePredictions(Array("[]".utf8), as: .jsonArray).accepted.isEmpty)
    }

    @Test func brokenArraysFailAsAWhole() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        #expect(throws: BatchFramingError(message: "malformed JSON array at byte 1: expected a JSON array, got '{'")) {
            try decoder.decodePredictions(Array(#"{"id":"a"}"#.utf8), as: .jsonArray)
        }
        #expect(throws: BatchFramingError(message: "malformed JSON array at byte 5: unexpected end of input, expected a value")) {
            try decoder.decodePredictions(Array("[1, ".utf8), as: .jsonArray)
        }
        #expect(throws: BatchFramingError(message: "malformed JSON array at byte 4: unexpected '2', expected ',' or ']'")) {
            try decoder.decodePredictions(Array("[1 2]".utf8), as: .jsonArray)
        }
        #expect(throws: BatchFramingError(message: "malformed JSON array at byte 4: unexpected '[' after the array")) {
            try decoder.decodePredictions(Array("[] []".utf8), as: .jsonArray)
        }
    }

    @Test func malformedLinesNeverStopTheBatch() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        let result = try decoder.decodePredictions(ndjsonBody([
            #"{"id":"a","features":{},"prediction":0.5}"#,
            #"{"id":"b""#,
            #"{"id":"c\u00"}"#,
            #"{"id":"\ud800x","features":{},"prediction":0.5}"#,
            "{\"id\":\"tab\there\"}",
            #"{"id":01}"#,
            #"{"id":"d","features":{},"prediction":0.5} x"#,
            "\u{FEFF}{}",
            #"{"id":"é ✓ \ud83d\ude00 \n","features":{},"prediction":0.5}"#,
        ]), as: .ndjson)
        #expect(result.acceptedLines == [1, 9])
        #expect(result.accepted.last?.id == "é ✓ 😀 \n")
        #expect(result.rejected.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(result.rejected.map(\.error) == [
            "malformed JSON: unexpected end of input, expected ',' or '}' (column 10)",
            "malformed JSON: invalid hex digit '\"' in \\u escape (column 13)",
            "malformed JSON: unpaired surrogate in \\u escape (column 14)",
            "malformed JSON: control character in string (escape it) (column 11)",
            "malformed JSON: invalid number: leading zero (column 8)",
            "malformed JSON: unexpected 'x' after the value (column 43)",
            "malformed JSON: unexpected byte 0xEF, expected a value (column 1)",
        ])
    }

    @Test func invalidUTF8IsRejected() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        var body = Array(#"{"id":"a"#.utf8)
        body += [0xC3, 0x28]
        body += Array(#"","features":{},"prediction":0.5}"#.utf8)
        let result = try decoder.decodePredictions(body, as: .ndjson)
        #expect(result.rejected == [BatchRejection(line: 1, error: "malformed JSON: string is not valid UTF-8 (column 8)")])
    }

    @Test func emptyBodies() throws {
        let decoder = EventBatchDecoder(schema: try decoderTestSchema())
        for body in ["", "\n", "\n\n  \n"] {
            let result = try decoder.decodePredictions(Array(body.utf8), as: .ndjson)
            #expect(result.accepted.isEmpty && result.rejected.isEmpty)
        }
        #expect(throws: BatchFramingError.self) { try decoder.decodePredictions([], as: .jsonArray) }
    }
}
