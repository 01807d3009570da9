import Monitoring

/// The answer to a baseline upload: the rows profiled, and the rows left out with their reason.
struct BaselineResponse: Encodable {
    var model: String
    var baseline: String
    var rows: Int
    var active: Bool
    var rejected: [BatchRejection]
}
