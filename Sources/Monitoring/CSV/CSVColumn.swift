/// One column of a CSV body: every cell's unescaped UTF-8 bytes laid end to end, Arrow-style, so
/// a million cells cost two allocations instead of a million strings, and typed conversion reads
/// numbers straight from the bytes. Immutable; copies share their storage.
public struct CSVColumn: Sendable, Equatable {
    /// The header name, exactly as written (no trimming).
    public let name: String
    let storage: CSVColumnStorage

    init(name: String, storage: CSVColumnStorage) {
        self.name = name
        self.storage = storage
    }

    /// The number of cells (rows).
    public var count: Int { storage.count }

    /// The text of one cell (0-based row among the table's accepted rows).
    public subscript(row: Int) -> String {
        withUTF8(row: row) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every cell as a string, in row order.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Lends the bytes of one cell without copying them.
    public func withUTF8<Result>(row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        precondition(row >= 0 && row < count, "row \(row) out of 0..<\(count)")
        return try withExtendedLifetime(storage) { try body(storage.cell(row)) }
    }

    /// Calls `body` with each cell's bytes in row order; the fast way to convert a whole column.
    func forEachCell(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try withExtendedLifetime(storage) {
            let bytes = storage.bytes
            let ends = storage.ends
            var start = 0
            for row in 0..<storage.count {
                let end = ends[row]
                try body(row, UnsafeBufferPointer(start: bytes + start, count: end - start))
                start = end
            }
        }
    }

    public static func == (left: CSVColumn, right: CSVColumn) -> Bool {
        guard left.name == right.name, left.count == right.count else { return false }
        if left.storage === right.storage { return true }
        return (0..<left.count).allSatisfy { row in
            left.withUTF8(row: row) { one in right.withUTF8(row: row) { other in one.elementsEqual(other) } }
        }
    }
}

/// The memory of one column, owned by whoever holds the last reference and never mutated after
/// the reader hands it over (hence safely `Sendable`). Hand-managed rather than two Swift arrays
/// because appending millions of short cells to arrays spent a third of the reader's time on
/// uniqueness checks and small `memmove` calls (measured with perf on a 1M-row body).
final class CSVColumnStorage: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    /// `ends[row]` is the offset just past the cell of `row`; it starts where the previous ends.
    let ends: UnsafeMutablePointer<Int>
    let count: Int

    init(bytes: UnsafeMutablePointer<UInt8>, ends: UnsafeMutablePointer<Int>, count: Int) {
        self.bytes = bytes
        self.ends = ends
        self.count = count
    }

    func cell(_ row: Int) -> UnsafeBufferPointer<UInt8> {
        let start = row == 0 ? 0 : ends[row - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[row] - start)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }
}

/// Grows one column's buffers while the reader scans; `finish` hands them to a `CSVColumn`.
/// Growth doubles capacity, and `reserve` sizes it up front once the reader can extrapolate.
struct CSVColumnBuilder {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    private var ends: UnsafeMutablePointer<Int>
    private(set) var count = 0
    private var capacity: Int

    init() {
        byteCapacity = 256
        capacity = 64
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: capacity)
    }

    var storedBytes: Int { byteCount }

    @inline(__always)
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        let length = cell.count
        if byteCount + length > byteCapacity { growBytes(to: byteCount + length) }
        if count == capacity { growEnds(to: count + 1) }
        let target = bytes + byteCount
        if let source = cell.baseAddress, length > 0 {
            copy(source, to: target, length)
        }
        byteCount += length
        ends[count] = byteCount
        count += 1
    }

    @inline(__always)
    private func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, _ length: Int) {
        if length <= 16 {
            // Most cells are short: a plain loop beats a call to memmove.
            for index in 0..<length { target[index] = source[index] }
        } else {
            target.update(from: source, count: length)
        }
    }

    /// Undoes the last `append` (a row that turned out bad).
    mutating func removeLast() {
        count -= 1
        byteCount = count == 0 ? 0 : ends[count - 1]
    }

    mutating func reserve(cells: Int, bytes wanted: Int) {
        if cells > capacity { growEnds(to: cells) }
        if wanted > byteCapacity { growBytes(to: wanted) }
    }

    /// Hands the buffers over; the builder must not be used afterwards.
    func finish(name: String) -> CSVColumn {
        CSVColumn(name: name, storage: CSVColumnStorage(bytes: bytes, ends: ends, count: count))
    }

    /// Frees the buffers of a builder whose column is never built (the body was refused).
    func discard() {
        bytes.deallocate()
        ends.deallocate()
    }

    private mutating func growBytes(to needed: Int) {
        byteCapacity = Swift.max(needed, byteCapacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
    }

    private mutating func growEnds(to needed: Int) {
        capacity = Swift.max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grown.update(from: ends, count: count)
        ends.deallocate()
        ends = grown
    }
}
