/// One column of a CSV body: every cell's unescaped UTF-8 bytes laid end to end, Arrow-style, so
/// a million cells cost two allocations instead of a million strings, and typed conversion reads
/// numbers straight from the bytes.
public struct CSVColumn: Sendable, Equatable {
    /// The header name, exactly as written (no trimming).
    public let name: String
    /// Cell contents, concatenated; every cell is valid UTF-8.
    var bytes: [UInt8]
    /// `ends[row]` is the offset just past the cell of `row`; it starts where the previous ends.
    var ends: [Int]

    init(name: String) {
        self.name = name
        bytes = []
        ends = []
    }

    init(name: String, bytes: [UInt8], ends: [Int]) {
        self.name = name
        self.bytes = bytes
        self.ends = ends
    }

    /// The number of cells (rows).
    public var count: Int { ends.count }

    /// The text of one cell (0-based row among the table's accepted rows).
    public subscript(row: Int) -> String {
        withUTF8(row: row) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every cell as a string, in row order.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Lends the bytes of one cell without copying them.
    public func withUTF8<Result>(row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let start = row == 0 ? 0 : ends[row - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[row]])) }
    }

    /// Calls `body` with each cell's bytes in row order; the fast way to convert a whole column.
    func forEachCell(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { storage in
            try ends.withUnsafeBufferPointer { ends in
                var start = 0
                for row in 0..<ends.count {
                    let end = ends[row]
                    try body(row, UnsafeBufferPointer(rebasing: storage[start..<end]))
                    start = end
                }
            }
        }
    }

    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    /// Undoes the last `append` (a row that turned out bad).
    mutating func removeLast() {
        ends.removeLast()
        bytes.removeSubrange((ends.last ?? 0)...)
    }
}
