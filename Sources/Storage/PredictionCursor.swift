/// Where a paged read of predictions by event time stopped: the last row handed out, in the
/// order (event time, insertion order). Opaque to callers; pass it back to get the next page.
public struct PredictionCursor: Sendable, Equatable {
    let eventTime: Double
    let rowID: Int64
}
