/// Running totals of a `driftwatch ingest` replay, and the rejections mapped to file lines.
struct IngestTally: Sendable {
    /// Rejections kept with their messages; the rest are only counted.
    static let keptRejections = 10

    var sent = 0
    var batches = 0
    var accepted = 0
    var duplicates = 0
    var rejectedCount = 0
    /// The first rejections by file line, as (line, message).
    var rejections: [(line: Int, error: String)] = []

    /// Adds a batch's answer, mapping the server's batch-relative line numbers to the file's.
    mutating func add(_ answer: BatchAnswer, of batch: NDJSONBatch) {
        batches += 1
        sent += batch.lineNumbers.count
        accepted += answer.accepted
        duplicates += answer.duplicates
        rejectedCount += answer.rejected.count
        for rejection in answer.rejected {
            rejections.append((batch.fileLine(ofBatchLine: rejection.line) ?? rejection.line, rejection.error))
        }
        // Batches may finish out of order; keep the lowest file lines.
        if rejections.count > Self.keptRejections {
            rejections.sort { $0.line < $1.line }
            rejections.removeLast(rejections.count - Self.keptRejections)
        }
    }
}

/// The server's answer to an event batch.
struct BatchAnswer: Decodable, Sendable {
    var accepted: Int
    var duplicates: Int
    var rejected: [LineRejection]
}
