import ArgumentParser
import Foundation

/// `driftwatch actions`: the retrain and rollback actions alerts triggered on a running server,
/// and the decisions on those waiting for manual approval.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List triggered actions, and approve or reject those waiting for approval.",
        subcommands: [ActionsListCommand.self, ActionsDecisionCommand.Approve.self, ActionsDecisionCommand.Reject.self]
    )
}

/// `driftwatch actions list`: one line per run, newest first; `--format json` prints the API's
/// answer with every attempt.
struct ActionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List action runs, newest first, with their status and what they did.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var serverOptions: ServerOptions

    @Option(help: "Only runs with these statuses, comma-separated (e.g. pending_approval,failed).")
    var status: String?

    @Option(help: "At most this many runs.")
    var limit: Int = 50

    @Option(help: "table or json.")
    var format: Format = .table

    func run() async throws {
        let client = try serverOptions.client()
        var path = "/v1/actions?limit=\(limit)"
        if let status { path += "&status=\(ServerClient.segment(status))" }
        let answer: ServerAnswer
        do {
            answer = try await client.send("GET", path)
        } catch {
            throw InputError(error.message)
        }
        guard answer.isSuccess else { throw InputError("the server refused the listing: \(answer.errorMessage)") }
        if format == .json {
            FileAccess.writeStandardOutput(Array(answer.body) + [UInt8(ascii: "\n")])
            return
        }
        let listing = try answer.decode(ActionListing.self, what: "a list of action runs")
        FileAccess.writeStandardOutput(Array(Self.table(listing.actions).utf8))
    }

    static func table(_ runs: [ActionListing.Run]) -> String {
        guard !runs.isEmpty else { return "no action runs\n" }
        var text = ""
        for run in runs {
            let dry = run.dryRun ? " (dry run)" : ""
            text += "\(run.id)  \(run.createdAt)  \(run.action) [\(run.adapter)] model=\(run.model)  \(run.status)\(dry)\n"
            if let message = run.message { text += "    \(message)\n" }
            if let decision = run.decision { text += "    \(decision.approved ? "approved" : "rejected") by \(decision.by)\n" }
        }
        return text
    }
}

/// `driftwatch actions approve ID` and `reject ID`: the same request to `/approve` or `/reject`.
enum ActionsDecisionCommand {
    /// What both decisions take.
    struct Options: ParsableArguments {
        @Argument(help: "The run's id (see 'driftwatch actions list').") var id: Int64
        @Option(help: "Who decides (default: $USER).") var by: String?
        @Option(help: "Why, for the audit log.") var comment: String?
        @OptionGroup var serverOptions: ServerOptions

        func decide(approve: Bool) async throws {
            let client = try serverOptions.client()
            var body: [String: String] = [:]
            body["by"] = by ?? ProcessInfo.processInfo.environment["USER"]
            body["comment"] = comment
            let encoded = (try? JSONEncoder().encode(body)) ?? Data("{}".utf8)
            let answer: ServerAnswer
            do {
                answer = try await client.send(
                    "POST", "/v1/actions/\(id)/\(approve ? "approve" : "reject")", contentType: "application/json", body: encoded)
            } catch {
                throw InputError(error.message)
            }
            guard answer.isSuccess else { throw InputError("action run \(id): \(answer.errorMessage)") }
            let run = try answer.decode(ActionListing.Run.self, what: "an action run")
            FileAccess.writeStandardOutput(Array("action run \(run.id) (\(run.action)) is now \(run.status)\n".utf8))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Approve an action run waiting for approval; it starts at once.")
        @OptionGroup var options: Options

        func run() async throws { try await options.decide(approve: true) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject", abstract: "Reject an action run waiting for approval; it will not run.")
        @OptionGroup var options: Options

        func run() async throws { try await options.decide(approve: false) }
    }
}

/// The parts of `GET /v1/actions` the CLI prints.
struct ActionListing: Decodable {
    struct Run: Decodable {
        struct Decision: Decodable {
            var approved: Bool
            var by: String
        }

        var id: Int64
        var action: String
        var adapter: String
        var model: String
        var status: String
        var dryRun: Bool
        var createdAt: String
        var message: String?
        var decision: Decision?

        enum CodingKeys: String, CodingKey {
            case id, action, adapter, model, status, message, decision
            case dryRun = "dry_run"
            case createdAt = "created_at"
        }
    }

    var actions: [Run]
}
