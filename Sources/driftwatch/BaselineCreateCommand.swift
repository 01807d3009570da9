import ArgumentParser
import Foundation

/// `driftwatch baseline create`: uploads a reference file to `PUT /v1/models/{model}/baselines/{name}`,
/// where the server profiles it, and prints what the server kept and left out.
///
/// The whole file is one request body (a baseline is profiled in one piece), so it must fit the
/// server's body limit (`serve --max-body-bytes`, 16 MiB by default; a larger file gets the
/// server's 413 message). Rows the server rejected are listed with their file line numbers (the
/// server numbers the body's lines, which are the file's) and do not change the exit code: the
/// baseline exists. Exit 2 for a missing file, an unreachable server or an error answer.
struct BaselineCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Upload reference data (CSV with a header row, or NDJSON events) as a model's baseline.",
        discussion: """
            The file's type follows its extension: .csv is sent as text/csv, .ndjson or .jsonl as \
            application/x-ndjson. The server profiles the valid rows and lists the rows it left out \
            with their line numbers. By default the new baseline becomes the model's active one \
            (--no-activate keeps the current one).
            """
    )

    @Option(help: ArgumentHelp("Model name, as registered with PUT /v1/models/{model}.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("Baseline name; an existing baseline of that name is replaced.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Reference data: .csv, .ndjson or .jsonl.", valueName: "path"))
    var file: String

    @Flag(inversion: .prefixedNo, help: "Make the new baseline the model's active one.")
    var activate = true

    @OptionGroup var serverOptions: ServerOptions

    /// Rejected rows printed in full; the rest are counted.
    static let listedRejections = 20

    func run() async throws {
        let client = try serverOptions.client()
        let contentType = try Self.contentType(of: file)
        let body = try FileAccess.read(file)
        let path = "/v1/models/\(ServerClient.segment(model))/baselines/\(ServerClient.segment(name))" + (activate ? "" : "?activate=false")
        let answer: ServerAnswer
        do {
            answer = try await client.send("PUT", path, contentType: contentType, body: Data(body))
        } catch {
            throw InputError(error.message)
        }
        guard answer.isSuccess else {
            throw InputError("\(file): the server refused the baseline (HTTP \(answer.status)): \(answer.errorMessage)")
        }
        let result = try answer.decode(BaselineAnswer.self, what: "a baseline summary")
        FileAccess.writeStandardOutput(Array(Self.summary(result, file: file).utf8))
    }

    /// The content type a reference file is sent as, by extension.
    static func contentType(of path: String) throws(InputError) -> String {
        switch try SampleFile.format(of: path) {
        case .csv: return "text/csv"
        case .ndjson: return "application/x-ndjson"
        case .tsv: throw InputError("\(path): the server takes CSV (.csv) or NDJSON (.ndjson, .jsonl) baselines, not TSV")
        }
    }

    static func summary(_ result: BaselineAnswer, file: String) -> String {
        var text = "Baseline '\(result.baseline)' of model '\(result.model)' from \(file): \(result.rows) rows profiled, "
        text += "\(result.rejected.count) rejected; \(result.active ? "active" : "not active")\n"
        for rejection in result.rejected.prefix(listedRejections) {
            text += "  \(file): line \(rejection.line): \(rejection.error)\n"
        }
        if result.rejected.count > listedRejections {
            text += "  ... and \(result.rejected.count - listedRejections) more rejected rows\n"
        }
        return text
    }
}

/// The server's answer to a baseline upload.
struct BaselineAnswer: Decodable, Sendable {
    var model: String
    var baseline: String
    var rows: Int
    var active: Bool
    var rejected: [LineRejection]
}
