import Monitoring
import Testing

@Suite struct MetricSeriesCSVTests {
    private func decode(_ text: String) throws -> MetricSeriesCSV {
        try MetricSeriesCSV.decode(Array(text.utf8))
    }

    @Test func readsEachTimestampFormAndMissingValues() throws {
        let series = try decode("""
            value,timestamp,host
            1.5,1700000000,a
            2,2023-11-14T22:14:20.5Z,a
            NA,2023-11-14 22:15:00,a
            ,2023-11-14T23:15:00+01:00,a
            -3e2, 1700000100 ,a

            """)
        #expect(series.rejected.isEmpty)
        #expect(series.rows.map(\.time) == [1_700_000_000, 1_700_000_060.5, 1_700_000_100, 1_700_000_100, 1_700_000_100])
        #expect(series.rows.map(\.line) == [2, 3, 4, 5, 6])
        #expect(series.rows[0].value == 1.5 && series.rows[2].value.isNaN && series.rows[3].value.isNaN && series.rows[4].value == -300)
        #expect(series.rows.map(\.valueText) == ["1.5", "2", "NA", "", "-3e2"] && series.rows[4].timestamp == " 1700000100 ")
    }

    @Test func badRowsAreRejectedWithTheirLinesAndTheRestKept() throws {
        let series = try decode("timestamp,value\n1,1\n2023-02-30 00:00:00,2\n3,x\n4,inf\n5,\"5\",extra\n6,6\n")
        #expect(series.rows.map(\.line) == [2, 7])
        #expect(series.rejected.map(\.line) == [3, 4, 5, 6])
        #expect(series.rejected[0].error.hasPrefix("timestamp: '2023-02-30 00:00:00' is neither"))
        #expect(series.rejected[1].error == "value: 'x' is not a number" && series.rejected[2].error == "value: 'inf' is not a number")
    }

    @Test func aHeaderWithoutTheColumnsIsRefused() {
        #expect(throws: CSVError.missingColumns(line: 1, names: ["timestamp"], hint: nil)) { try decode("time,value\n1,2\n") }
        #expect(throws: CSVError.missingHeader) { try decode("") }
    }
}
