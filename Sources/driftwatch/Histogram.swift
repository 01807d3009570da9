/// Reference and current bar heights over the reference-frozen bins, for the HTML page.
struct Histogram: Sendable, Equatable {
    var labels: [String]
    var reference: [Int]
    var current: [Int]
}
