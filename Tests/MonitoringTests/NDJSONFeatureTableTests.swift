import Monitoring
import Testing

@Suite struct NDJSONFeatureTableTests {
    private static func read(_ text: String, declared: [String: FeatureType] = [:]) -> NDJSONFeatureTable {
        NDJSONFeatureTable(ndjson: Array(text.utf8), declared: declared)
    }

    @Test func flatRecordsInferTypesAndLeaveOutIdTimestampPrediction() {
        let table = Self.read("""
            {"id":"a","timestamp":1,"amount":1.5,"flag":true,"country":"DE","code":7,"prediction":0.9}
            {"amount":null,"flag":false,"country":"FR","code":"x"}

            {"amount":-2.5e3,"country":"NA","code":7.0,"extra":null}
            """)
        #expect(table.layout == .flatRecords)
        #expect(table.features == [
            FeatureSpec(name: "amount", type: .numeric),
            FeatureSpec(name: "flag", type: .boolean),
            FeatureSpec(name: "country", type: .categorical),
            FeatureSpec(name: "code", type: .categorical),
            FeatureSpec(name: "extra", type: .categorical),
        ])
        #expect(table.lines == [1, 2, 4])
        #expect(table.rejected.isEmpty)
        #expect(table.values["amount"] == [.number(1.5), .missing, .number(-2500)])
        #expect(table.values["flag"] == [.bool(true), .bool(false), .missing])
        // Numbers in a categorical feature keep their literal text, as the batch decoder keeps them.
        #expect(table.values["code"] == [.string("7"), .string("x"), .string("7.0")])
        #expect(table.values["country"]?[2] == .string("NA"))
        #expect(table.valueKinds["code"] == [.number, .string])
        #expect(table.valueKinds["extra"] == [])
    }

    @Test func predictionEventsTakeTheirFeaturesObject() {
        let table = Self.read("""
            {"id":"r1","features":{"amount":1,"prediction":2},"prediction":0.5}
            {"id":"r2","prediction":0.5}
            {"id":"r3","features":[1],"prediction":0.5}
            {"id":"r4","features":{"amount":3},"features":{"amount":4}}
            """)
        #expect(table.layout == .predictionEvents)
        // Inside `features`, every key is a feature, `prediction` included.
        #expect(table.features.map(\.name) == ["amount", "prediction"])
        #expect(table.values["amount"] == [.number(1)])
        #expect(table.rejected == [
            BatchRejection(line: 2, error: "features: required"),
            BatchRejection(line: 3, error: "features: expected object, got array"),
            BatchRejection(line: 4, error: "features: given more than once"),
        ])
    }

    @Test func badLinesAreRejectedAloneWithTheirLines() {
        let table = Self.read(
            "{\"a\":1,\"b\":\"x\"}\n{\"a\":1e400,\"b\":\"y\"}\n{\"a\":2,\"b\":true}\n{oops\n[1]\n{\"a\":3,\"a\":4}\n{\"a\":5,\"b\":\"z\"}\r\n",
            declared: ["b": .categorical])
        #expect(table.lines == [1, 7])
        #expect(table.values["a"] == [.number(1), .number(5)])
        #expect(table.values["b"] == [.string("x"), .string("z")])
        #expect(table.rejected == [
            BatchRejection(line: 2, error: "feature 'a': number 1e400 is out of range"),
            BatchRejection(line: 3, error: "feature 'b': expected string, got boolean"),
            BatchRejection(line: 4, error: "malformed JSON: unexpected 'o', expected a string key (column 2)"),
            BatchRejection(line: 5, error: "expected a JSON object, got array"),
            BatchRejection(line: 6, error: "feature 'a': given more than once"),
        ])
    }

    @Test func declaredTypesReplaceInferenceSoAStrayValueRejectsItsLine() {
        let text = "{\"a\":1}\n{\"a\":\"oops\"}\n{\"a\":2}\n"
        #expect(Self.read(text).features == [FeatureSpec(name: "a", type: .categorical)])
        let typed = Self.read(text, declared: ["a": .numeric])
        #expect(typed.features == [FeatureSpec(name: "a", type: .numeric)])
        #expect(typed.values["a"] == [.number(1), .number(2)])
        #expect(typed.rejected == [BatchRejection(line: 2, error: "feature 'a': expected number, got string")])
        #expect(typed.valueKinds["a"]?.fits(.numeric) == true)
        #expect(typed.valueKinds["a"]?.fits(.boolean) == false)
    }

    @Test func emptyBodyHasNoLayout() {
        let table = Self.read("\n  \n")
        #expect(table.layout == nil)
        #expect(table.rowCount == 0)
        #expect(table.rejected.isEmpty)
        #expect(Self.read("\u{FEFF}{\"a\":1}").values["a"] == [.number(1)])
    }
}
