import Monitoring

/// The answer to an event batch: `accepted` counts newly stored events, `duplicates` the events
/// whose `id` was already stored (a re-sent batch), `rejected` every line that failed validation.
struct IngestResponse: Encodable {
    var accepted: Int
    var duplicates: Int
    var rejected: [BatchRejection]
}

/// The answer to a label batch: as ``IngestResponse``, plus what the join found at receipt among
/// the newly stored labels — `unmatched`: no stored prediction with that id (yet: a prediction
/// sent later still joins), `past_ttl`: the prediction is more than the label TTL older than the
/// label, so the label will not count. Both are null when the lookup failed (the labels are stored).
struct LabelIngestResponse: Encodable {
    var accepted: Int
    var duplicates: Int
    var unmatched: Int?
    var pastTTL: Int?
    var rejected: [BatchRejection]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(unmatched, forKey: .unmatched)
        try container.encode(pastTTL, forKey: .pastTTL)
        try container.encode(rejected, forKey: .rejected)
    }

    private enum CodingKeys: String, CodingKey {
        case accepted, duplicates, unmatched, rejected, pastTTL = "past_ttl"
    }
}
