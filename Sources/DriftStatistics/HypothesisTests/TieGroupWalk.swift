/// Walks two ascending samples together, one distinct value at a time.
///
/// `body` receives how many copies of the value each sample holds (either count may be zero);
/// values come in ascending order, so a running total of the counts is the pooled rank just
/// below the group. This single linear pass replaces the pooled sort, `rankdata` and
/// `searchsorted` calls SciPy makes; `-0.0` and `+0.0` form one group, as they do in NumPy.
@inline(__always)
func forEachTieGroup(
    _ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>,
    _ body: (_ firstCount: Int, _ secondCount: Int) -> Void
) {
    var i = 0
    var j = 0
    let m = first.count
    let n = second.count
    while i < m || j < n {
        let value = (j == n || (i < m && first[i] <= second[j])) ? first[i] : second[j]
        let firstStart = i
        while i < m && first[i] == value { i += 1 }
        let secondStart = j
        while j < n && second[j] == value { j += 1 }
        body(i - firstStart, j - secondStart)
    }
}
