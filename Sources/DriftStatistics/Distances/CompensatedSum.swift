/// Neumaier's compensated summation: the running error of each addition is kept and added
/// back at the end, so a long sum is accurate to about one rounding whatever the order of the
/// terms. Used where a result must agree with NumPy's pairwise sums to 1e-9 or better.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ term: Double) {
        let total = sum + term
        if abs(sum) >= abs(term) {
            compensation += (sum - total) + term
        } else {
            compensation += (term - total) + sum
        }
        sum = total
    }

    var value: Double { sum + compensation }
}
