import Monitoring
import Testing

@Suite struct CSVReaderTests {
    private static func read(_ text: String, delimiter: CSVDelimiter = .comma) throws -> CSVTable {
        try CSVReader(delimiter: delimiter).read(Array(text.utf8))
    }

    private static func rows(_ table: CSVTable) -> [[String]] {
        (0..<table.rowCount).map { table.row($0) }
    }

    @Test func readsHeaderAndColumns() throws {
        let table = try Self.read("a,b,c\n1,2,3\n4,5,6\n")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.columns.map(\.strings) == [["1", "4"], ["2", "5"], ["3", "6"]])
        #expect(table.lines == [2, 3])
        #expect(table.rejected.isEmpty)
        #expect(table.headerLine == 1)
        #expect(table.column(named: "b")?[1] == "5")
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let table = try Self.read("name,note\n\"Acme, Inc.\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\nx,\"a\r\nb\"\n")
        #expect(Self.rows(table) == [["Acme, Inc.", "say \"hi\""], ["two\nlines", ""], ["x", "a\r\nb"]])
        // The second record starts on line 3 and spans two lines; the third starts on line 5.
        #expect(table.lines == [2, 3, 5])
    }

    @Test func lineNumbersCountBreaksInsideQuotesForLaterRows() throws {
        let text = "a,b\n\"1\n2\n3\",x\ny,\"\r\n\r\n\"\nlast,row\n,\n"
        let table = try Self.read(text)
        #expect(table.lines == [2, 5, 8, 9])
        #expect(Self.rows(table).last == ["", ""])
        let broken = try Self.read("a,b\n\"multi\nline\",1\nonly-one\n")
        #expect(broken.rejected == [BatchRejection(line: 4, error: "expected 2 fields as in the header, got 1: no value for column 'b'")])
    }

    @Test func acceptsCRLFLoneCRAndAMissingFinalLineBreak() throws {
        let expected = [["1", "2"], ["3", "4"]]
        #expect(Self.rows(try Self.read("a,b\r\n1,2\r\n3,4\r\n")) == expected)
        #expect(Self.rows(try Self.read("a,b\r1,2\r3,4")) == expected)
        #expect(Self.rows(try Self.read("a,b\n1,2\n3,4")) == expected)
        #expect(try Self.read("a,b\r\n1,2\r\n3,4").lines == [2, 3])
    }

    @Test func skipsAByteOrderMark() throws {
        let table = try CSVReader().read([0xEF, 0xBB, 0xBF] + Array("id,x\n1,2\n".utf8))
        #expect(table.header == ["id", "x"])
        #expect(table.lines == [2])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let table = try Self.read("\n\na,b\n\n1,2\r\n\r\n3,4\n\n\n")
        #expect(table.headerLine == 3)
        #expect(table.lines == [5, 7])
        #expect(Self.rows(table) == [["1", "2"], ["3", "4"]])
    }

    @Test func emptyFieldsAndQuotedEmptyFieldsAreEmptyStrings() throws {
        let table = try Self.read("a,b,c\n,,\n\"\",x,\"\"\n")
        #expect(Self.rows(table) == [["", "", ""], ["", "x", ""]])
        let single = try Self.read("only\n\"\"\nv\n")
        #expect(Self.rows(single) == [[""], ["v"]])
    }

    @Test func fieldsAreNotTrimmedAndBareQuotesAreText() throws {
        let table = try Self.read("a,b\n 1 , x\n5'10\",a\"b\n")
        #expect(Self.rows(table) == [[" 1 ", " x"], ["5'10\"", "a\"b"]])
    }

    @Test func otherDelimiters() throws {
        #expect(Self.rows(try Self.read("a;b\n1,5;\"x;y\"\n", delimiter: .semicolon)) == [["1,5", "x;y"]])
        #expect(Self.rows(try Self.read("a\tb\n1\t \"2\"\n", delimiter: .tab)) == [["1", " \"2\""]])
    }

    @Test func keepsUnicodeText() throws {
        let table = try Self.read("città,名前\n\"Zürich, CH\",日本\n")
        #expect(table.header == ["città", "名前"])
        #expect(Self.rows(table) == [["Zürich, CH", "日本"]])
    }

    @Test func wrongFieldCountRejectsOnlyThatRow() throws {
        let table = try Self.read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n")
        #expect(Self.rows(table) == [["1", "2", "3"], ["10", "11", "12"]])
        #expect(table.lines == [2, 5])
        #expect(table.rejected == [
            BatchRejection(line: 3, error: "expected 3 fields as in the header, got 2: no value for column 'c'"),
            BatchRejection(line: 4, error: "expected 3 fields as in the header, got 4"),
        ])
    }

    @Test func suggestsTheDelimiterWhenTheHeaderIsOneColumn() throws {
        let table = try Self.read("a;b\n1,5;2\n3;4\n")
        #expect(table.rejected == [
            BatchRejection(
                line: 2, error: "expected 1 field as in the header, got 2 (the header is one column; is the delimiter ';'?)")
        ])
        #expect(Self.rows(table) == [["3;4"]])
        #expect(try Self.read("a\n1,2\n").rejected == [BatchRejection(line: 2, error: "expected 1 field as in the header, got 2")])
    }

    @Test func invalidUTF8RejectsTheRowNamingTheColumn() throws {
        let body = Array("a,b\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n3,\"".utf8) + [0xFF] + Array("\"\n4,fine\n".utf8)
        let table = try CSVReader().read(body)
        #expect(Self.rows(table) == [["1", "ok"], ["4", "fine"]])
        #expect(table.rejected == [
            BatchRejection(line: 3, error: "column 'b': invalid UTF-8"),
            BatchRejection(line: 4, error: "column 'b': invalid UTF-8"),
        ])
    }

    /// Unquoted fields are scanned a word at a time: every length and every offset of the field
    /// end and of a bad byte must still be found.
    @Test func fieldEndsAndBadBytesAreFoundAtEveryOffset() throws {
        for length in 0...20 {
            let text = String(repeating: "x", count: length)
            let table = try Self.read("a,b\n\(text),\(text)é\n\(text)\r\n")
            #expect(Self.rows(table) == [[text, text + "é"]], "length \(length)")
            // With length 0 the third line is blank, hence skipped.
            #expect(table.rejected == (length == 0 ? [] : [
                BatchRejection(line: 3, error: "expected 2 fields as in the header, got 1: no value for column 'b'")
            ]))
            for offset in 0...length {
                var cell = Array(text.utf8)
                cell.insert(0xFF, at: offset)
                let body = Array("a,b\n1,".utf8) + cell + Array(",\n2,ok\n".utf8)
                let bad = try CSVReader().read(body)
                #expect(bad.rejected == [
                    BatchRejection(line: 2, error: "column 'b': invalid UTF-8")
                ], "length \(length), offset \(offset)")
                #expect(Self.rows(bad) == [["2", "ok"]])
            }
        }
    }

    @Test func textAfterAClosingQuoteRejectsTheRow() throws {
        let table = try Self.read("a,b\n\"x\"y,1\n2,3\n")
        #expect(table.rejected == [BatchRejection(line: 2, error: "column 'a': unexpected 'y' after a closing quote")])
        #expect(Self.rows(table) == [["2", "3"]])
    }

    @Test func unterminatedQuoteRefusesTheBodyAtTheLineWhereItOpens() {
        #expect(throws: CSVError.unterminatedQuote(line: 3, column: "b")) {
            try Self.read("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
        }
        #expect(throws: CSVError.unterminatedQuote(line: 2, column: "column 1 of the header")) {
            try Self.read("\n\"a,b\n")
        }
        let error = CSVError.unterminatedQuote(line: 3, column: "b")
        #expect(error.description == "line 3: column 'b': quoted field is never closed")
    }

    @Test func headerErrors() {
        #expect(throws: CSVError.missingHeader) { try Self.read("") }
        #expect(throws: CSVError.missingHeader) { try Self.read("\r\n\n") }
        #expect(throws: CSVError.missingHeader) { try CSVReader().read([0xEF, 0xBB, 0xBF]) }
        #expect(throws: CSVError.emptyColumnName(line: 1, position: 2)) { try Self.read("a,,c\n1,2,3\n") }
        #expect(throws: CSVError.emptyColumnName(line: 2, position: 3)) { try Self.read("\na,b,\n") }
        #expect(throws: CSVError.duplicateColumnName(line: 1, name: "a", position: 3, firstPosition: 1)) {
            try Self.read("a,b,a\n")
        }
        #expect(throws: CSVError.malformedHeader(line: 1, reason: "column 2 is not valid UTF-8")) {
            try CSVReader().read(Array("a,".utf8) + [0xE2, 0x82])
        }
        #expect(throws: CSVError.malformedHeader(line: 1, reason: "column 1: unexpected 'b' after a closing quote")) {
            try Self.read("\"a\"b,c\n")
        }
    }

    @Test func headerErrorMessages() {
        #expect(CSVError.missingHeader.description == "line 1: no header row (the body is empty)")
        #expect(CSVError.emptyColumnName(line: 1, position: 2).description == "line 1: column 2 of the header has an empty name")
        #expect(CSVError.duplicateColumnName(line: 1, name: "a", position: 3, firstPosition: 1).description
            == "line 1: column 3 of the header repeats the name 'a' of column 1")
        #expect(CSVError.malformedHeader(line: 1, reason: "column 2 is not valid UTF-8").description
            == "line 1: malformed header: column 2 is not valid UTF-8")
    }

    @Test func headerOnlyHasNoRows() throws {
        let table = try Self.read("a,b\n")
        #expect(table.rowCount == 0)
        #expect(table.columns.map(\.count) == [0, 0])
    }
}
