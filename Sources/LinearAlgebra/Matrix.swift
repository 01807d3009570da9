/// A dense matrix stored column by column in one contiguous array, the layout BLAS and LAPACK
/// expect, so every operation hands `storage` to the library without copying or transposing.
///
/// Element (i, j) lives at `storage[i + j * rows]`. Shapes are validated where a matrix is built
/// from caller data (`dimensionMismatch`); negative sizes and out-of-range subscripts are
/// programming errors and trap, as they do for `Array`.
public struct Matrix<Scalar> {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `storage.count == rows * columns` always holds.
    public internal(set) var storage: [Scalar]

    /// A `rows` × `columns` matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A `rows` × `columns` matrix over `columnMajor`, which must hold exactly `rows * columns`
    /// elements, column after column.
    public init(rows: Int, columns: Int, columnMajor: [Scalar]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .dimensionMismatch("negative dimensions \(rows)×\(columns)")
        }
        guard columnMajor.count == rows * columns else {
            throw .dimensionMismatch("\(columnMajor.count) elements for a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from a list of rows, the way one writes it on paper. Every row must have the same
    /// length; an empty list gives a 0×0 matrix.
    public init(rowMajor rowList: [[Scalar]]) throws(LinearAlgebraError) {
        let columnCount = rowList.first?.count ?? 0
        for (index, row) in rowList.enumerated() where row.count != columnCount {
            throw .dimensionMismatch("row \(index) has \(row.count) elements, row 0 has \(columnCount)")
        }
        var elements: [Scalar] = []
        elements.reserveCapacity(rowList.count * columnCount)
        for column in 0..<columnCount {
            for row in rowList { elements.append(row[column]) }
        }
        self.rows = rowList.count
        self.columns = columnCount
        self.storage = elements
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// The element in `row`, `column` (both zero-based).
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// The elements of one row, left to right.
    public func row(_ index: Int) -> [Scalar] {
        precondition(index >= 0 && index < rows, "row index out of range")
        return (0..<columns).map { storage[index + $0 * rows] }
    }

    /// The elements of one column, top to bottom.
    public func column(_ index: Int) -> [Scalar] {
        precondition(index >= 0 && index < columns, "column index out of range")
        return Array(storage[(index * rows)..<((index + 1) * rows)])
    }

    /// The matrix as a list of rows (the inverse of `init(rowMajor:)`).
    public var rowMajor: [[Scalar]] { (0..<rows).map { row($0) } }

    /// The transpose: element (i, j) of the result is element (j, i) of `self`.
    public func transposed() -> Matrix {
        var elements: [Scalar] = []
        elements.reserveCapacity(storage.count)
        for row in 0..<rows {
            for column in 0..<columns { elements.append(storage[row + column * rows]) }
        }
        return Matrix(uncheckedRows: columns, columns: rows, storage: elements)
    }

    /// Calls `body` with the column-major elements.
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Scalar>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeBufferPointer { buffer throws(Failure) in try body(buffer) }
    }

    /// Calls `body` with the column-major elements for in-place modification; the shape is fixed.
    public mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeMutableBufferPointer { buffer throws(Failure) in try body(&buffer) }
    }

    /// Builds a matrix whose storage the caller already sized correctly.
    init(uncheckedRows rows: Int, columns: Int, storage: [Scalar]) {
        assert(storage.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}

extension Matrix where Scalar: Numeric {
    /// A `rows` × `columns` matrix of zeros.
    public static func zeros(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// The `size` × `size` identity matrix.
    public static func identity(_ size: Int) -> Matrix {
        var matrix = Matrix(rows: size, columns: size, repeating: 0)
        for index in 0..<size { matrix.storage[index * (size + 1)] = 1 }
        return matrix
    }
}

extension Matrix: Equatable where Scalar: Equatable {}
extension Matrix: Hashable where Scalar: Hashable {}
extension Matrix: Sendable where Scalar: Sendable {}

extension Matrix: CustomStringConvertible {
    public var description: String {
        "Matrix \(rows)×\(columns) " + rowMajor.map { "\($0)" }.joined(separator: " ")
    }
}
