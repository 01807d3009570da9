import Testing
import LinearAlgebra

@Suite struct MatrixTests {
    @Test func storesColumnMajorAndReadsBackRows() throws {
        let matrix = try Matrix(rowMajor: [[1.0, 2, 3], [4, 5, 6]])
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.storage == [1, 4, 2, 5, 3, 6])
        #expect(matrix[1, 2] == 6)
        #expect(matrix.row(0) == [1, 2, 3])
        #expect(matrix.column(1) == [2, 5])
        #expect(matrix.rowMajor == [[1, 2, 3], [4, 5, 6]])
        #expect(matrix.transposed() == (try Matrix(rowMajor: [[1.0, 4], [2, 5], [3, 6]])))
        #expect(try Matrix(rows: 2, columns: 3, columnMajor: [1.0, 4, 2, 5, 3, 6]) == matrix)
    }

    @Test func rejectsMalformedShapes() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowMajor: [[1.0, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1.0, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix<Double>.zeros(rows: 2, columns: 3).multiplied(by: .zeros(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try Vector.dot([1, 2], [1]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix<Double>.identity(2).multiplied(by: [1.0, 2, 3]) }
    }

    @Test func emptyMatrices() throws {
        let empty = try Matrix<Double>(rowMajor: [])
        #expect(empty.rows == 0 && empty.columns == 0)
        let product = try Matrix<Double>.zeros(rows: 3, columns: 0).multiplied(by: .zeros(rows: 0, columns: 2))
        #expect(product == .zeros(rows: 3, columns: 2))
        #expect(try Vector.dot([], []) == 0)
        #expect(Vector.norm([]) == 0)
    }

    @Test func handComputedProducts() throws {
        let a = try Matrix(rowMajor: [[1.0, 2, 3], [4, 5, 6]])
        let b = try Matrix(rowMajor: [[7.0, 8], [9, 10], [11, 12]])
        #expect(try a.multiplied(by: b) == (try Matrix(rowMajor: [[58.0, 64], [139, 154]])))
        #expect(try a * b == (try Matrix(rowMajor: [[58.0, 64], [139, 154]])))
        #expect(throws: LinearAlgebraError.self) { try a * a }
        #expect(try a.transposed().multiplied(by: b, transposeSelf: true) == (try Matrix(rowMajor: [[58.0, 64], [139, 154]])))
        #expect(try b.multiplied(by: a, transposeSelf: true, transposeOther: true)
                == (try Matrix(rowMajor: [[58.0, 139], [64, 154]])))
        var c = try Matrix(rowMajor: [[1.0, 1], [1, 1]])
        try Matrix.gemm(alpha: 2, a, b, beta: -1, into: &c)
        #expect(c == (try Matrix(rowMajor: [[115.0, 127], [277, 307]])))
        #expect(try a.multiplied(by: [1.0, 0, -1]) == [-2, -2])
        #expect(try a.multiplied(by: [1.0, 1], transposeSelf: true) == [5, 7, 9])
        #expect(try Vector.dot([1, 2, 3], [4, 5, 6]) == 32)
        #expect(Vector.norm([3, 4]) == 5)
        #expect(abs(Vector.norm([3e200, 4e200]) / 5e200 - 1) <= 1e-15)
        #expect(try a.gram(.selfTimesTranspose) == (try Matrix(rowMajor: [[14.0, 32], [32, 77]])))
        #expect(try a.gram(.transposeTimesSelf) == (try Matrix(rowMajor: [[17.0, 22, 27], [22, 29, 36], [27, 36, 45]])))
        #expect(Matrix<Double>.identity(3).storage == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    @Test(arguments: [(1, 1, 1), (7, 3, 5), (64, 65, 63), (200, 150, 180)])
    func gemmMatchesTripleLoop(shape: (Int, Int, Int)) throws {
        var random = SeededRandom(seed: UInt64(shape.0 * 1000 + shape.1))
        let a = random.matrix(rows: shape.0, columns: shape.1)
        let b = random.matrix(rows: shape.1, columns: shape.2)
        let expected = naiveProduct(a, b)
        let tolerance = 1e-14 * Double(shape.1) * a.frobeniusNorm * b.frobeniusNorm
        #expect(distance(try a.multiplied(by: b), expected) <= tolerance)
        #expect(distance(try a.transposed().multiplied(by: b.transposed(), transposeSelf: true, transposeOther: true), expected) <= tolerance)
        let x = random.matrix(rows: shape.1, columns: 1)
        #expect(Vector.norm(zip(try a.multiplied(by: x.storage), naiveProduct(a, x).storage).map { $0 - $1 }) <= tolerance * x.frobeniusNorm)
    }

    @Test(arguments: [(1, 1), (5, 9), (300, 40), (40, 300), (500, 500)])
    func syrkMatchesGemm(shape: (Int, Int)) throws {
        var random = SeededRandom(seed: UInt64(shape.0 * 7 + shape.1))
        let a = random.matrix(rows: shape.0, columns: shape.1)
        let tolerance = 1e-14 * Double(max(shape.0, shape.1)) * a.frobeniusNorm * a.frobeniusNorm
        let crossProduct = try a.gram(.transposeTimesSelf)
        #expect(distance(crossProduct, try a.multiplied(by: a, transposeSelf: true)) <= tolerance)
        #expect(crossProduct == crossProduct.transposed())
        let rowGram = try a.gram(.selfTimesTranspose)
        #expect(distance(rowGram, try a.multiplied(by: a, transposeOther: true)) <= tolerance)
        var upperOnly = Matrix<Double>(rows: shape.0, columns: shape.0, repeating: -7)
        try Matrix.syrk(a, product: .selfTimesTranspose, into: &upperOnly)
        for column in 0..<shape.0 {
            for row in 0..<shape.0 where row > column { #expect(upperOnly[row, column] == -7) }
        }
    }
}
