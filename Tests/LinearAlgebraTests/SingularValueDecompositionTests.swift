import Testing
import LinearAlgebra

@Suite struct SingularValueDecompositionTests {
    @Test func handComputedValues() throws {
        let svd = try SingularValueDecomposition(try Matrix(rowMajor: [[3.0, 0], [0, -4], [0, 0]]))
        #expect(svd.singularValues == [4, 3])
        #expect(svd.u.rows == 3 && svd.u.columns == 2 && svd.vt.rows == 2 && svd.vt.columns == 2)
        #expect(try SingularValueDecomposition(.zeros(rows: 0, columns: 3)).singularValues == [])
    }

    @Test(arguments: [(1, 1), (6, 3), (3, 6), (120, 40), (40, 120), (500, 500)])
    func reconstructsAndIsOrthonormal(shape: (Int, Int)) throws {
        var random = SeededRandom(seed: UInt64(shape.0 * 31 + shape.1))
        let a = random.matrix(rows: shape.0, columns: shape.1)
        let svd = try SingularValueDecomposition(a)
        let rank = min(shape.0, shape.1)
        #expect(svd.u.rows == shape.0 && svd.u.columns == rank && svd.vt.rows == rank && svd.vt.columns == shape.1)
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(svd.singularValues.allSatisfy { $0 >= 0 })
        let scale = Double(max(shape.0, shape.1))
        let reconstructed = try scalingColumns(svd.u, by: svd.singularValues).multiplied(by: svd.vt)
        #expect(distance(reconstructed, a) <= 1e-13 * scale * a.frobeniusNorm)
        #expect(distance(try svd.u.multiplied(by: svd.u, transposeSelf: true), .identity(rank)) <= 1e-13 * scale)
        #expect(distance(try svd.vt.multiplied(by: svd.vt, transposeOther: true), .identity(rank)) <= 1e-13 * scale)
    }
}
