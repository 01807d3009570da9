import Monitoring
import Testing

@Suite struct CSVFeatureTableTests {
    private static func schema(_ prediction: PredictionSpec = PredictionSpec(type: .score)) throws -> ModelSchema {
        try ModelSchema(
            features: [
                FeatureSpec(name: "amount", type: .numeric), FeatureSpec(name: "country", type: .categorical),
                FeatureSpec(name: "is_new", type: .boolean),
            ],
            prediction: prediction)
    }

    private static func table(_ text: String, _ prediction: PredictionSpec = PredictionSpec(type: .score)) throws
        -> CSVFeatureTable
    {
        try CSVFeatureTable(csv: Array(text.utf8), schema: schema(prediction))
    }

    @Test func typesEachColumnBySchema() throws {
        let table = try Self.table("country,amount,is_new\nDE,42.5,true\n\"Acme, Inc.\",-1e3,0\n")
        #expect(table.features["amount"] == [.number(42.5), .number(-1000)])
        #expect(table.features["country"] == [.string("DE"), .string("Acme, Inc.")])
        #expect(table.features["is_new"] == [.bool(true), .bool(false)])
        #expect(table.lines == [2, 3])
        #expect(table.rejected.isEmpty)
        #expect(table.ignoredColumns.isEmpty)
        #expect(table.ids == nil && table.timestamps == nil && table.predictions == nil)
    }

    @Test func missingMarkers() throws {
        let text = "amount,country,is_new\n,,\nNA,NA,na\nNaN,nan,NULL\nnull, , Null \n  ,x,\t\n"
        let table = try Self.table(text)
        #expect(table.rejected.isEmpty)
        #expect(table.features["amount"] == [.missing, .missing, .missing, .missing, .missing])
        // Categorical cells are missing only when empty: "NA" is a category.
        #expect(table.features["country"] == [.missing, .string("NA"), .string("nan"), .string(" "), .string("x")])
        #expect(table.features["is_new"] == [.missing, .missing, .missing, .missing, .missing])
    }

    @Test func numberSpellings() throws {
        let cells = ["+1.5", ".5", "5.", "007", " 12 ", "1E3", "-0", "1e-400", "2.5e+2", "\t7"]
        let text = "amount,country,is_new\n" + cells.map { "\($0),c,true" }.joined(separator: "\n")
        let table = try Self.table(text)
        #expect(table.rejected.isEmpty)
        #expect(table.features["amount"] == [1.5, 0.5, 5, 7, 12, 1000, -0.0, 0, 250, 7].map { FeatureValue.number($0) })
    }

    @Test func booleanSpellings() throws {
        let cells = ["true", "FALSE", "1", "0", "Yes", "no", " True "]
        let text = "amount,country,is_new\n" + cells.map { "1,c,\($0)" }.joined(separator: "\n")
        let table = try Self.table(text)
        #expect(table.rejected.isEmpty)
        #expect(table.features["is_new"] == [true, false, true, false, true, false, true].map { FeatureValue.bool($0) })
    }

    @Test func badCellsRejectTheirRowAndKeepValidOnes() throws {
        let text = """
            amount,country,is_new
            1,DE,true
            abc,FR,false
            2,US,maybe
            1e400,GB,true
            inf,GB,true
            0x10,NL,1
            3,"a
            b",no
            xyz,IT,perhaps
            4,ES,yes
            """
        let table = try Self.table(text)
        #expect(table.features["amount"] == [.number(1), .number(3), .number(4)])
        #expect(table.features["country"] == [.string("DE"), .string("a\nb"), .string("ES")])
        #expect(table.features["is_new"] == [.bool(true), .bool(false), .bool(true)])
        #expect(table.lines == [2, 8, 11])
        #expect(table.rejected == [
            BatchRejection(line: 3, error: "feature 'amount': expected number, got 'abc'"),
            BatchRejection(line: 4, error: "feature 'is_new': expected boolean, got 'maybe'"),
            BatchRejection(line: 5, error: "feature 'amount': number 1e400 is out of range"),
            BatchRejection(line: 6, error: "feature 'amount': expected number, got 'inf'"),
            BatchRejection(line: 7, error: "feature 'amount': expected number, got '0x10'"),
            // The first bad cell in header order is named.
            BatchRejection(line: 10, error: "feature 'amount': expected number, got 'xyz'"),
        ])
    }

    @Test func readerRejectionsAreMergedInLineOrder() throws {
        let table = try Self.table("amount,country,is_new\nx,DE,true\n1,DE\n2,FR,false\n")
        #expect(table.rejected == [
            BatchRejection(line: 2, error: "feature 'amount': expected number, got 'x'"),
            BatchRejection(line: 3, error: "expected 3 fields as in the header, got 2: no value for column 'is_new'"),
        ])
        #expect(table.lines == [4])
    }

    @Test func longCellsAreCutInMessages() throws {
        let long = String(repeating: "x", count: 100)
        let table = try Self.table("amount,country,is_new\n\(long),DE,true\n")
        #expect(table.rejected == [
            BatchRejection(line: 2, error: "feature 'amount': expected number, got '\(String(repeating: "x", count: 63))…'")
        ])
    }

    @Test func missingColumnsRefuseTheBody() {
        #expect(throws: CSVError.missingColumns(line: 1, names: ["country", "is_new"], hint: nil)) {
            try Self.table("amount,other\n1,2\n")
        }
        let error = CSVError.missingColumns(line: 1, names: ["is_new"], hint: nil)
        #expect(error.description == "line 1: missing column 'is_new' declared by the schema")
        #expect(throws: CSVError.missingColumns(
            line: 1, names: ["country"], hint: "the header has ' country', with spaces around the name"))
        {
            try Self.table("amount, country,is_new\n1,DE,true\n")
        }
        #expect(throws: CSVError.missingColumns(
            line: 1, names: ["amount", "country", "is_new"], hint: "the header is one column; is the delimiter ';'?"))
        {
            try Self.table("amount;country;is_new\n1;DE;true\n")
        }
    }

    @Test func extraColumnsAreIgnoredAndDelimiterOptionWorks() throws {
        let text = "colour;amount;country;size;is_new\nred;1,5;DE;3;true\n"
        let table = try CSVFeatureTable(csv: Array(text.utf8), schema: Self.schema(), delimiter: .semicolon)
        #expect(table.ignoredColumns == ["colour", "size"])
        // With ';' as delimiter a decimal comma is still not a number: only '.' is.
        #expect(table.rejected == [BatchRejection(line: 2, error: "feature 'amount': expected number, got '1,5'")])
    }

    @Test func recognisedColumnsBecomeEvents() throws {
        let text = """
            id,timestamp,amount,country,is_new,prediction
            req-1,2026-11-21T10:00:00.123Z,42.5,DE,true,0.91
            ,1795255200.5,,,,-3
            req-3,,1,FR,no,0.5
            """
        let table = try Self.table(text)
        #expect(table.rejected.isEmpty)
        #expect(table.ids == ["req-1", "row-3", "req-3"])
        let events = try table.predictionEvents()
        #expect(events == [
            PredictionEvent(
                id: "req-1", timestamp: try RFC3339Timestamp.epochSeconds("2026-11-21T10:00:00.123Z"),
                features: ["amount": .number(42.5), "country": .string("DE"), "is_new": .bool(true)],
                prediction: .number(0.91)),
            PredictionEvent(
                id: "row-3", timestamp: 1_795_255_200.5,
                features: ["amount": .missing, "country": .missing, "is_new": .missing], prediction: .number(-3)),
            PredictionEvent(
                id: "req-3", timestamp: nil,
                features: ["amount": .number(1), "country": .string("FR"), "is_new": .bool(false)],
                prediction: .number(0.5)),
        ])
    }

    @Test func generatedIdsUseTheLineAndEventsNeedAPrediction() throws {
        let table = try Self.table("amount,country,is_new\n1,a,true\n\n2,b,false\n")
        #expect(throws: CSVError.missingPredictionColumn(line: 1)) { try table.predictionEvents() }
        let withPrediction = try Self.table("amount,country,is_new,prediction\n1,a,true,0\n\n2,b,false,1\n")
        #expect(try withPrediction.predictionEvents().map(\.id) == ["row-2", "row-4"])
    }

    @Test func badRecognisedCellsRejectTheRow() throws {
        let text = """
            id,timestamp,amount,country,is_new,prediction
            a,2026-02-30T10:00:00Z,1,DE,true,0.5
            b,1795255200000,1,DE,true,0.5
            c,,1,DE,true,
            d,,1,DE,true,high
            e,,1,DE,true,0.25
            """
        let table = try Self.table(text)
        #expect(table.ids == ["e"])
        #expect(table.rejected == [
            BatchRejection(
                line: 2,
                error: "timestamp: invalid RFC 3339 timestamp '2026-02-30T10:00:00Z': day 30 out of range for month 2 of 2026"),
            BatchRejection(
                line: 3,
                error: "timestamp: 1795255200000 is not epoch seconds within years 0000-9999 (milliseconds sent as seconds?)"),
            BatchRejection(line: 4, error: "prediction: required, got an empty cell"),
            BatchRejection(line: 5, error: "prediction: expected number, got 'high'"),
        ])
    }

    @Test func classAndProbabilityPredictions() throws {
        let classes = PredictionSpec(type: .class, classes: ["fraud", "ok"])
        let byClass = try Self.table("amount,country,is_new,prediction\n1,a,true,fraud\n2,b,false,maybe\n", classes)
        #expect(byClass.predictions == [.label("fraud")])
        #expect(byClass.rejected == [BatchRejection(line: 3, error: "prediction: class 'maybe' is not among the model's classes")])

        let probabilities = PredictionSpec(type: .probabilities, classes: ["fraud", "ok"])
        let text = """
            amount,country,is_new,prediction
            1,a,true,"{""fraud"":0.25,""ok"":0.75}"
            2,a,true,"{""fraud"":0.5}"
            3,a,true,"{""fraud"":0.5,""ok"":0.6}"
            4,a,true,0.5
            """
        let byProbability = try Self.table(text, probabilities)
        #expect(byProbability.predictions == [.probabilities(["fraud": 0.25, "ok": 0.75])])
        #expect(byProbability.rejected == [
            BatchRejection(line: 3, error: "prediction: probabilities sum to 0.5, expected 1 (within 1e-6)"),
            BatchRejection(line: 4, error: "prediction: probabilities sum to 1.1, expected 1 (within 1e-6)"),
            BatchRejection(line: 5, error: "prediction: expected a JSON object of class probabilities, got '0.5'"),
        ])
    }

    @Test func aDeclaredFeatureNamedLikeARecognisedColumnWins() throws {
        let schema = try ModelSchema(
            features: [FeatureSpec(name: "id", type: .numeric)], prediction: PredictionSpec(type: .score))
        let table = try CSVFeatureTable(csv: Array("id,prediction\n7,1\n".utf8), schema: schema)
        #expect(table.features["id"] == [.number(7)])
        #expect(table.ids == nil)
        #expect(try table.predictionEvents().first?.id == "row-2")
    }

    /// Numbers are correctly rounded: the same double as the standard library's `Double(String)`
    /// on 5 000 random 17-significant-digit values across the whole exponent range, including
    /// subnormals and values near overflow.
    @Test func numbersMatchTheStandardLibraryBitForBit() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var literals: [String] = []
        for index in 0..<5_000 {
            let digits = String(10_000_000_000_000_000 + next() % 90_000_000_000_000_000)
            let exponent = Int(next() % 640) - 324
            let sign = next() % 2 == 0 ? "" : "-"
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            switch index % 3 {
            case 0: literals.append("\(sign)\(first).\(rest)e\(exponent)")
            case 1: literals.append("\(sign)\(digits)e\(exponent - 16)")
            default: literals.append("\(sign)0.\(digits)")
            }
        }
        let expected = literals.map { Double($0) }
        let text = "amount,country,is_new\n" + literals.map { "\($0),c,true" }.joined(separator: "\n")
        let table = try Self.table(text)
        let values = table.features["amount"] ?? []
        var rowIndex = 0
        for (literal, value) in zip(literals, expected) {
            guard let value, value.isFinite else { continue }
            guard rowIndex < values.count, case let .number(parsed) = values[rowIndex] else {
                Issue.record("\(literal) was not parsed")
                return
            }
            #expect(parsed.bitPattern == value.bitPattern, "\(literal)")
            rowIndex += 1
        }
        #expect(rowIndex == values.count)
        #expect(rowIndex > 4_900)
        let overflowing = expected.filter { !($0?.isFinite ?? false) }.count
        #expect(table.rejected.count == overflowing)
    }
}
