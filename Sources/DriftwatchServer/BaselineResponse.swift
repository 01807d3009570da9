import Monitoring

/// The answer to a baseline upload: the rows profiled, and the rows left out with their reason.
/// A baseline frozen from stored traffic also gives the event-time range `[from, to)` it read
/// (left out for uploads).
struct BaselineResponse: Encodable {
    var model: String
    var baseline: String
    var rows: Int
    var active: Bool
    var rejected: [BatchRejection]
    var from: Double? = nil
    var to: Double? = nil
}
