import ArgumentParser
import Foundation
import Monitoring

/// `driftwatch ingest`: replays an NDJSON file of prediction (or label) events into a running
/// server in batches, streaming the file, with progress on standard error and a summary on
/// standard output.
///
/// Exit codes: 0 every line was stored or already present (duplicates); 1 the server rejected
/// some lines (they are listed with their file line numbers; every valid line is stored);
/// 2 a usage, file or transport error, or an error answer (after retries where they make sense).
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Replay an NDJSON file of prediction or label events into a running driftwatch server.",
        discussion: """
            The file is read in chunks and sent in batches of --batch-size lines to \
            POST /v1/models/{model}/predictions (or /labels with --labels), up to two batches at a \
            time. Re-running a file is safe: events already stored (same id) count as duplicates. \
            A 503 with Retry-After is retried after that delay; other 5xx answers and lost \
            connections are retried up to 5 times with a doubling delay; other errors stop the replay.

            Exit status: 0 when every line was accepted or a duplicate, 1 when the server rejected \
            lines (listed with their file line numbers; the valid lines are stored), 2 for usage, \
            file or server errors.
            """
    )

    @Option(help: ArgumentHelp("Model name, as registered with PUT /v1/models/{model}.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("NDJSON file of events, one JSON object per line (.ndjson or .jsonl).", valueName: "path"))
    var file: String

    @Flag(help: "The file holds label events ({\"id\":...,\"label\":...}) instead of predictions.")
    var labels = false

    @Option(help: ArgumentHelp("Lines per request.", valueName: "lines"))
    var batchSize = 1000

    @Option(help: ArgumentHelp("Requests in flight at once (1 sends strictly in file order).", valueName: "count"))
    var concurrency = 2

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        guard (1...100_000).contains(batchSize) else { throw InputError("--batch-size must be between 1 and 100000, got \(batchSize)") }
        guard (1...16).contains(concurrency) else { throw InputError("--concurrency must be between 1 and 16, got \(concurrency)") }
        let client = try serverOptions.client()
        var reader = try NDJSONBatchReader(path: file, batchSize: batchSize)
        defer { reader.close() }
        try await requireModel(client)

        let path = "/v1/models/\(ServerClient.segment(model))/\(labels ? "labels" : "predictions")"
        let sender = BatchSender(client: client, path: path, file: file)
        let started = ContinuousClock.now
        var progress = IngestProgress(fileSize: reader.fileSize, started: started)
        var tally = IngestTally()
        do {
            try await withThrowingTaskGroup(of: (NDJSONBatch, BatchAnswer).self) { group in
                var running = 0
                while true {
                    while running < concurrency, let batch = try reader.next() {
                        group.addTask { (batch, try await sender.send(batch)) }
                        running += 1
                    }
                    guard let finished = try await group.next() else { break }
                    running -= 1
                    tally.add(finished.1, of: finished.0)
                    progress.update(bytesRead: reader.bytesRead, tally: tally)
                }
            }
        } catch {
            progress.finish()
            standardError("driftwatch: ingest stopped after \(tally.sent) events: accepted \(tally.accepted), duplicates \(tally.duplicates), rejected \(tally.rejectedCount)\n")
            throw error
        }
        progress.finish()
        let summary = Self.summary(tally, file: file, model: model, labels: labels, elapsed: ContinuousClock.now - started)
        FileAccess.writeStandardOutput(Array(summary.utf8))
        if tally.rejectedCount > 0 { throw ExitCode(1) }
    }

    /// Checks, before reading any batch, that the server answers and knows the model, so a typo
    /// fails at once with the server's message.
    private func requireModel(_ client: ServerClient) async throws(InputError) {
        let answer: ServerAnswer
        do {
            answer = try await client.send("GET", "/v1/models/\(ServerClient.segment(model))")
        } catch {
            throw InputError(error.message)
        }
        guard answer.isSuccess else { throw InputError("\(file): \(answer.errorMessage) (HTTP \(answer.status))") }
    }

    static func summary(_ tally: IngestTally, file: String, model: String, labels: Bool, elapsed: Duration) -> String {
        let seconds = elapsed.fractionalSeconds
        var text = "Ingested \(file) into model '\(model)' (\(labels ? "labels" : "predictions")):\n"
        text += "  sent        \(tally.sent) events in \(tally.batches) batch\(tally.batches == 1 ? "" : "es")\n"
        text += "  accepted    \(tally.accepted)\n"
        text += "  duplicates  \(tally.duplicates)\n"
        text += "  rejected    \(tally.rejectedCount)\n"
        for rejection in tally.rejections.sorted(by: { $0.line < $1.line }) {
            text += "    \(file): line \(rejection.line): \(rejection.error)\n"
        }
        if tally.rejectedCount > tally.rejections.count {
            text += "    ... and \(tally.rejectedCount - tally.rejections.count) more\n"
        }
        text += "  elapsed     \(String(format: "%.2f", seconds)) s (\(IngestProgress.eventsPerSecond(tally.sent, elapsed)) events/s)\n"
        return text
    }
}
