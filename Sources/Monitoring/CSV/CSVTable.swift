/// A CSV body read into columns of text, before any schema is applied: what `CSVReader` returns.
public struct CSVTable: Sendable, Equatable {
    /// One column per header entry, in header order; all have `rowCount` cells.
    public var columns: [CSVColumn]
    /// The physical line (1-based) where each accepted row starts, in row order.
    public var lines: [Int]
    /// Rows dropped for a framing problem of their own (wrong field count, invalid UTF-8, text
    /// after a closing quote), in line order; the other rows are kept.
    public var rejected: [BatchRejection]
    /// The physical line of the header row.
    public var headerLine: Int

    /// Header names in order.
    public var header: [String] { columns.map(\.name) }

    /// The number of accepted rows.
    public var rowCount: Int { lines.count }

    /// The column with this exact header name.
    public func column(named name: String) -> CSVColumn? {
        columns.first { $0.name == name }
    }

    /// One accepted row's cells, in header order.
    public func row(_ index: Int) -> [String] {
        columns.map { $0[index] }
    }
}
