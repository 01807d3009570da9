import LinearAlgebra

/// Seeded SplitMix64 (Steele, Lea & Flood) so every random matrix is the same on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A matrix of independent uniform(−1, 1) entries.
    mutating func matrix(rows: Int, columns: Int) -> Matrix<Double> {
        let elements = (0..<(rows * columns)).map { _ in Double.random(in: -1...1, using: &self) }
        return try! Matrix(rows: rows, columns: columns, columnMajor: elements)
    }

    /// A symmetric positive-definite matrix BᵀB + n·I.
    mutating func positiveDefinite(_ order: Int) -> Matrix<Double> {
        var result = try! matrix(rows: order, columns: order).gram(.transposeTimesSelf)
        for index in 0..<order { result[index, index] += Double(order) }
        return result
    }

    /// A random symmetric matrix (B + Bᵀ)/2.
    mutating func symmetric(_ order: Int) -> Matrix<Double> {
        let b = matrix(rows: order, columns: order)
        var result = b
        for row in 0..<order {
            for column in 0..<order { result[row, column] = (b[row, column] + b[column, row]) / 2 }
        }
        return result
    }
}

/// The Frobenius norm of A − B.
func distance(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    return Vector.norm(zip(a.storage, b.storage).map { $0 - $1 })
}

/// The textbook triple loop, the independent oracle for `gemm`.
func naiveProduct(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    var result = Matrix<Double>.zeros(rows: a.rows, columns: b.columns)
    a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
            result.withUnsafeMutableBufferPointer { cBuffer in
                for column in 0..<b.columns {
                    for inner in 0..<a.columns {
                        let factor = bBuffer[inner + column * b.rows]
                        for row in 0..<a.rows {
                            cBuffer[row + column * a.rows] += aBuffer[row + inner * a.rows] * factor
                        }
                    }
                }
            }
        }
    }
    return result
}

/// Column j of `matrix` scaled by `factors[j]`.
func scalingColumns(_ matrix: Matrix<Double>, by factors: [Double]) -> Matrix<Double> {
    var result = matrix
    for column in 0..<matrix.columns {
        for row in 0..<matrix.rows { result[row, column] *= factors[column] }
    }
    return result
}
