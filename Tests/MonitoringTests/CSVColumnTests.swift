import Monitoring
import Testing

@Suite struct CSVColumnTests {
    private static func read(_ text: String) throws -> CSVTable {
        try CSVReader().read(Array(text.utf8))
    }

    @Test func lendsCellsAsTextAndBytes() throws {
        let column = try #require(try Self.read("k,v\n1,\"a\"\"b\"\n2,\n3,日本\n").column(named: "v"))
        #expect(column.name == "v")
        #expect(column.count == 3)
        #expect(column.strings == ["a\"b", "", "日本"])
        #expect(column[2] == "日本")
        #expect(column.withUTF8(row: 1) { $0.count } == 0)
        #expect(column.withUTF8(row: 2) { Array($0) } == Array("日本".utf8))
    }

    @Test func equalityComparesNamesAndCells() throws {
        let one = try Self.read("a,b\n1,x\n2,y\n")
        let same = try Self.read("a,b\r\n\"1\",x\r\n\r\n2,\"y\"")
        let other = try Self.read("a,b\n1,x\n2,z\n")
        #expect(one.columns == same.columns)
        #expect(one.columns[1] != other.columns[1])
        #expect(one.columns[0] == other.columns[0])
        #expect(one.columns[0] != one.columns[1])
        let copy = one
        #expect(copy == one)
    }

    @Test func rejectedRowsLeaveNoCellBehind() throws {
        let table = try Self.read("a,b,c\n1,2,3\n4,\"x\"y,6\n7,8\n9,10,11\n")
        #expect(table.columns.map(\.count) == [2, 2, 2])
        #expect(table.columns.map(\.strings) == [["1", "9"], ["2", "10"], ["3", "11"]])
    }
}
