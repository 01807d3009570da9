import LinearAlgebra

/// Runs a LinearAlgebra operation whose operand shapes the caller has already validated, turning
/// a shape or LAPACK-argument failure (which would be a defect here, not bad data) into a typed
/// `DriftStatisticsError` rather than a trap.
func withLinearAlgebra<Result>(
    _ method: DriftMethod, _ body: () throws(LinearAlgebraError) -> Result
) throws(DriftStatisticsError) -> Result {
    do {
        return try body()
    } catch {
        throw .degenerateData(method: method, reason: "linear algebra failed: \(error)")
    }
}
