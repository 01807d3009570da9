import Testing
import LinearAlgebra

@Suite struct SymmetricEigenDecompositionTests {
    @Test func tridiagonalEigenvalues() throws {
        let eigen = try SymmetricEigenDecomposition(try Matrix(rowMajor: [[2.0, 1, 0], [1, 2, 1], [0, 1, 2]]))
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (value, reference) in zip(eigen.eigenvalues, expected) { #expect(abs(value - reference) <= 1e-14) }
        let v = eigen.eigenvectors.column(1)
        #expect(abs(abs(v[0]) - 0.5.squareRoot()) <= 1e-14 && abs(v[1]) <= 1e-14)
    }

    @Test func edgeCases() throws {
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigenDecomposition(.zeros(rows: 2, columns: 1)) }
        #expect(try SymmetricEigenDecomposition(.zeros(rows: 0, columns: 0)).eigenvalues == [])
        let single = try SymmetricEigenDecomposition(try Matrix(rowMajor: [[-3.0]]))
        #expect(single.eigenvalues == [-3] && abs(single.eigenvectors[0, 0]) == 1)
        #expect(try SymmetricEigenDecomposition(.identity(4)).eigenvalues == [1, 1, 1, 1])
    }

    @Test(arguments: [2, 10, 100, 500])
    func reconstructsAndIsOrthonormal(order: Int) throws {
        var random = SeededRandom(seed: UInt64(order) + 11)
        let a = random.symmetric(order)
        let eigen = try SymmetricEigenDecomposition(a)
        #expect(zip(eigen.eigenvalues, eigen.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
        let v = eigen.eigenvectors
        let reconstructed = try scalingColumns(v, by: eigen.eigenvalues).multiplied(by: v, transposeOther: true)
        #expect(distance(reconstructed, a) <= 1e-13 * Double(order) * a.frobeniusNorm)
        #expect(distance(try v.multiplied(by: v, transposeSelf: true), .identity(order)) <= 1e-13 * Double(order))
    }
}
