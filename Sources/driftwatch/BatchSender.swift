import Foundation

/// Posts one NDJSON batch to an ingest endpoint, retrying as `RetryPolicy` says, and answers the
/// server's counts; an error names the batch's file lines and the server's message.
struct BatchSender: Sendable {
    let client: ServerClient
    let path: String
    let file: String
    var policy = RetryPolicy()

    func send(_ batch: NDJSONBatch) async throws(InputError) -> BatchAnswer {
        let body = Data(batch.body)
        var history = RetryPolicy.History()
        while true {
            let decision: RetryPolicy.Decision
            let problem: String
            do {
                let answer = try await client.send("POST", path, contentType: "application/x-ndjson", body: body)
                if answer.isSuccess { return try decode(answer) }
                decision = policy.afterStatus(answer.status, retryAfter: answer.retryAfter, history: &history)
                problem = "POST \(path) answered \(answer.status): \(answer.errorMessage)"
                    + (answer.status == 413 ? " (try a smaller --batch-size)" : "")
            } catch {
                decision = policy.afterTransportError(history: &history)
                problem = error.message
            }
            switch decision {
            case .fail:
                let tries = history.failures > 1 ? " (after \(history.failures) attempts)" : ""
                throw InputError("\(file): \(lines(of: batch)): \(problem)\(tries)")
            case .retry(let delay):
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw InputError("\(file): \(lines(of: batch)): cancelled while waiting to retry: \(problem)")
                }
            }
        }
    }

    private func decode(_ answer: ServerAnswer) throws(ServerClient.TransportError) -> BatchAnswer {
        do {
            return try answer.decode(BatchAnswer.self, what: "a batch summary")
        } catch {
            throw ServerClient.TransportError(url: client.base, reason: error.message, unreachable: false)
        }
    }

    private func lines(of batch: NDJSONBatch) -> String {
        let first = batch.lineNumbers.first ?? 0
        let last = batch.lineNumbers.last ?? first
        return "batch \(batch.index) (lines \(first)-\(last))"
    }
}
