/// Walks two ascending samples together, one distinct value at a time.
///
/// `body` receives how many copies of the value each sample holds (either count may be zero);
/// values come in ascending order, so a running total of the counts is the pooled rank just
/// below the group. This single linear pass replaces the pooled sort, `rankdata` and
/// `searchsorted` calls SciPy makes; `-0.0` and `+0.0` form one group, as they do in NumPy.
/// Each step costs one comparison between the samples and one tie check, which for continuous
/// data is almost always false and so predicted well.
@inline(__always)
func forEachTieGroup(
    _ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>,
    _ body: (_ firstCount: Int, _ secondCount: Int) -> Void
) {
    var i = 0
    var j = 0
    let m = first.count
    let n = second.count
    while i < m && j < n {
        let a = first[i]
        let b = second[j]
        if a < b {
            var end = i + 1
            while end < m && first[end] == a { end += 1 }
            body(end - i, 0)
            i = end
        } else if b < a {
            var end = j + 1
            while end < n && second[end] == b { end += 1 }
            body(0, end - j)
            j = end
        } else {
            var firstEnd = i + 1
            while firstEnd < m && first[firstEnd] == a { firstEnd += 1 }
            var secondEnd = j + 1
            while secondEnd < n && second[secondEnd] == b { secondEnd += 1 }
            body(firstEnd - i, secondEnd - j)
            i = firstEnd
            j = secondEnd
        }
    }
    while i < m {
        var end = i + 1
        while end < m && first[end] == first[i] { end += 1 }
        body(end - i, 0)
        i = end
    }
    while j < n {
        var end = j + 1
        while end < n && second[end] == second[j] { end += 1 }
        body(0, end - j)
        j = end
    }
}
