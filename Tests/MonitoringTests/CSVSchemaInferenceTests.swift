import Monitoring
import Testing

@Suite struct CSVSchemaInferenceTests {
    private static func read(_ text: String) throws -> CSVTable {
        try CSVReader().read(Array(text.utf8))
    }

    @Test func infersEachColumnByTheRule() throws {
        let table = try Self.read("""
            id,timestamp,amount,flag,binary,yesno,country,mixed,empty,na_only,big
            a,2026-11-21T10:00:00Z,1.5,true,1,yes,DE,1,,NA,1
            b,2026-11-21T10:00:01Z,NA,FALSE,0,no,FR,x,,,1e400
            c,2026-11-21T10:00:02Z,,,1,,NA,2,,null,2
            """)
        let features = CSVSchemaInference.features(of: table)
        #expect(features == [
            FeatureSpec(name: "amount", type: .numeric),
            FeatureSpec(name: "flag", type: .boolean),
            FeatureSpec(name: "binary", type: .numeric),
            FeatureSpec(name: "yesno", type: .categorical),
            FeatureSpec(name: "country", type: .categorical),
            FeatureSpec(name: "mixed", type: .categorical),
            FeatureSpec(name: "empty", type: .categorical),
            FeatureSpec(name: "na_only", type: .categorical),
            // 1e400 is not a finite number, so the column cannot be numeric.
            FeatureSpec(name: "big", type: .categorical),
        ])
        #expect(CSVSchemaInference.features(of: table, excluding: []).prefix(2).map(\.name) == ["id", "timestamp"])
    }

    @Test func inferredSchemaRejectsNoRowOfItsTable() throws {
        let text = "a,b,c,d\n1,true,x,\n NaN ,false,7,\n-2.5e3,,NA,\n"
        let table = try Self.read(text)
        let features = CSVSchemaInference.features(of: table)
        #expect(features.map(\.type) == [.numeric, .boolean, .categorical, .categorical])
        let schema = try ModelSchema(features: features, prediction: PredictionSpec(type: .score))
        let typed = try CSVFeatureTable(table: table, schema: schema)
        #expect(typed.rejected.isEmpty)
        #expect(typed.features["a"] == [.number(1), .missing, .number(-2500)])
        #expect(typed.features["c"] == [.string("x"), .string("7"), .string("NA")])
    }

    @Test func severalTablesAgreeOnTheNarrowestCommonType() throws {
        let reference = try Self.read("a,b,c,d,only_reference\n1,true,1,,1\n2,false,2,,2\n")
        let current = try Self.read("d,c,b,a\n5,x,true,\n6,y,false,3\n")
        let features = CSVSchemaInference.features(of: [reference, current])
        #expect(features == [
            FeatureSpec(name: "a", type: .numeric),
            FeatureSpec(name: "b", type: .boolean),
            FeatureSpec(name: "c", type: .categorical),
            // Entirely missing in the reference, so the current table decides.
            FeatureSpec(name: "d", type: .numeric),
        ])
        #expect(CSVSchemaInference.features(of: [CSVTable]()) == [])
    }
}
