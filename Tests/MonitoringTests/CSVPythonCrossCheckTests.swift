import Monitoring
import Testing

/// One body of `CSVPythonCrossCheckCases.swift` with the parse Python's `csv` module gives it.
struct CSVPythonCrossCheckCase: Sendable {
    let name: String
    let delimiter: CSVDelimiter
    let body: String
    let header: [String]
    let rows: [[String]]
    let lines: [Int]
    let rejectedLines: [Int]
}

/// `CSVReader` against Python's `csv.reader` on bodies written by `csv.writer` with random quoting
/// and line terminators, plus hand-written edge cases (`scripts/fixtures/gen_csv.py`): same header,
/// same rows, same start lines, and the rows with a wrong field count rejected at the same lines.
@Suite struct CSVPythonCrossCheckTests {
    @Test func agreesWithPythonsCSVModule() throws {
        #expect(csvPythonCrossCheckCases.count >= 50)
        var rows = 0
        for testCase in csvPythonCrossCheckCases {
            let table = try CSVReader(delimiter: testCase.delimiter).read(Array(testCase.body.utf8))
            #expect(table.header == testCase.header, "\(testCase.name)")
            #expect(table.lines == testCase.lines, "\(testCase.name)")
            #expect(table.rejected.map(\.line) == testCase.rejectedLines, "\(testCase.name)")
            let parsed = (0..<table.rowCount).map { table.row($0) }
            #expect(parsed == testCase.rows, "\(testCase.name)")
            rows += table.rowCount
        }
        #expect(rows > 2_000)
    }
}
