import LinearAlgebra

/// The cases of `multivariate.json` written for one detector (`kind`: mmd, pca or mahalanobis).
func multivariateCases(_ kind: String) throws -> [FixtureCase] {
    try FixtureFile.load("multivariate").cases.filter { $0.fields["kind"] as? String == kind }
}

extension FixtureCase {
    /// A matrix field stored as a list of rows.
    func matrix(_ key: String) throws -> Matrix<Double> {
        try Matrix(rowMajor: rows(key))
    }

    /// A list of matrices, each stored as a list of rows.
    func matrices(_ key: String) throws -> [Matrix<Double>] {
        guard let list = fields[key] as? [Any] else { throw FixtureError.malformed(file, "case \(index): no matrices '\(key)'") }
        return try list.map { element in
            try Matrix(rowMajor: FixtureCase(file: file, index: index, fields: ["matrix": element]).rows("matrix"))
        }
    }
}
