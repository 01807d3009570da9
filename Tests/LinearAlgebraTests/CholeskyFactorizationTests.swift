import Foundation
import Testing
import LinearAlgebra

@Suite struct CholeskyFactorizationTests {
    @Test func handComputedFactor() throws {
        let cholesky = try CholeskyFactorization(try Matrix(rowMajor: [[4.0, 2], [2, 3]]))
        #expect(cholesky.lower[0, 0] == 2)
        #expect(cholesky.lower[0, 1] == 0)
        #expect(cholesky.lower[1, 0] == 1)
        #expect(abs(cholesky.lower[1, 1] - 2.0.squareRoot()) <= 1e-15)
        #expect(abs(cholesky.logDeterminant - log(8.0)) <= 1e-15)
        let x = try cholesky.solve([2.0, 1])
        #expect(abs(x[0] - 0.5) <= 1e-15 && abs(x[1]) <= 1e-15)
    }

    @Test func indefiniteMatrixThrows() throws {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
            try CholeskyFactorization(try Matrix(rowMajor: [[1.0, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try CholeskyFactorization(try Matrix(rowMajor: [[0.0, 0], [0, 1]]))
        }
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(.zeros(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(.identity(2)).solve([1.0]) }
    }

    @Test func emptyMatrix() throws {
        let cholesky = try CholeskyFactorization(.zeros(rows: 0, columns: 0))
        #expect(cholesky.logDeterminant == 0)
        #expect(try cholesky.solve([]) == [])
    }

    @Test(arguments: [1, 2, 10, 100, 500])
    func solveSatisfiesTheSystem(order: Int) throws {
        var random = SeededRandom(seed: UInt64(order))
        let a = random.positiveDefinite(order)
        let b = random.matrix(rows: order, columns: 3)
        let cholesky = try CholeskyFactorization(a)
        let x = try cholesky.solve(b)
        let scale = Double(order) * a.frobeniusNorm * x.frobeniusNorm
        #expect(distance(try a.multiplied(by: x), b) <= 1e-13 * scale)
        let vector = try cholesky.solve(b.column(0))
        #expect(distance(try Matrix(rows: order, columns: 1, columnMajor: vector), try Matrix(rows: order, columns: 1, columnMajor: x.column(0))) <= 1e-13 * scale)
        #expect(distance(try cholesky.lower.multiplied(by: cholesky.lower, transposeOther: true), a) <= 1e-13 * Double(order) * a.frobeniusNorm)
        let whitened = try cholesky.whitenRows(b.transposed())
        #expect(distance(try whitened.multiplied(by: cholesky.lower, transposeOther: true), b.transposed()) <= 1e-13 * scale)
        let eigen = try SymmetricEigenDecomposition(a)
        let logDeterminant = eigen.eigenvalues.reduce(0) { $0 + log($1) }
        #expect(abs(cholesky.logDeterminant - logDeterminant) <= 1e-11 * Double(order) * max(1, abs(logDeterminant)))
    }
}
