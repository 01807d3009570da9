import Monitoring

/// The answer to an event batch: `accepted` counts newly stored events, `duplicates` the events
/// whose `id` was already stored (a re-sent batch), `rejected` every line that failed validation.
struct IngestResponse: Encodable {
    var accepted: Int
    var duplicates: Int
    var rejected: [BatchRejection]
}
