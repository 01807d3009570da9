import LinearAlgebra

/// Checks a multivariate sample (rows = observations, columns = features) before a detector uses it.
///
/// - Throws: `.invalidArgument` when there are no feature columns or, given `featureCount`, the
///   column count differs; `.emptySample` for zero rows; `.insufficientData` for fewer than
///   `minimumRows` rows; `.nonFiniteValue` naming the first NaN or ±Inf, with `index` the row.
func validateRows(
    _ rows: Matrix<Double>, role: SampleRole, method: DriftMethod, minimumRows: Int = 1, featureCount: Int? = nil
) throws(DriftStatisticsError) {
    if rows.columns == 0 {
        throw .invalidArgument(name: "\(role)", reason: "the sample has no feature columns")
    }
    if let featureCount, rows.columns != featureCount {
        throw .invalidArgument(
            name: "\(role)", reason: "has \(rows.columns) feature columns, the reference has \(featureCount)"
        )
    }
    if rows.rows == 0 { throw .emptySample(role) }
    if rows.rows < minimumRows {
        throw .insufficientData(role, needed: minimumRows, got: rows.rows, method: method)
    }
    let firstBad: (Int, Double)? = rows.withUnsafeBufferPointer { buffer in
        for (offset, value) in buffer.enumerated() where !value.isFinite {
            return (offset % rows.rows, value)
        }
        return nil
    }
    if let (row, value) = firstBad { throw .nonFiniteValue(role, index: row, value: value) }
}

/// The mean of every column.
func columnMeans(_ rows: Matrix<Double>) -> [Double] {
    rows.withUnsafeBufferPointer { buffer in
        (0..<rows.columns).map { column in
            var sum = 0.0
            for row in 0..<rows.rows { sum += buffer[row + column * rows.rows] }
            return sum / Double(rows.rows)
        }
    }
}

/// `rows` with `offsets[j]` subtracted from column j and the result divided by `scales[j]`.
func centered(_ rows: Matrix<Double>, by offsets: [Double], scales: [Double]? = nil) -> Matrix<Double> {
    var result = rows
    let count = rows.rows
    result.withUnsafeMutableBufferPointer { buffer in
        for column in 0..<rows.columns {
            let offset = offsets[column]
            let scale = scales?[column] ?? 1
            for row in 0..<count {
                buffer[row + column * count] = (buffer[row + column * count] - offset) / scale
            }
        }
    }
    return result
}

/// The Euclidean norm of every row, by accumulating the squares column by column (contiguous).
func rowNorms(_ rows: Matrix<Double>) -> [Double] {
    var squares = [Double](repeating: 0, count: rows.rows)
    rows.withUnsafeBufferPointer { buffer in
        squares.withUnsafeMutableBufferPointer { output in
            for column in 0..<rows.columns {
                let base = column * rows.rows
                for row in 0..<rows.rows { output[row] += buffer[base + row] * buffer[base + row] }
            }
        }
    }
    return squares.map { $0.squareRoot() }
}
