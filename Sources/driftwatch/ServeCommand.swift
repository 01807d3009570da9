import ArgumentParser
import DriftwatchServer
import Foundation
import Monitoring

/// `driftwatch serve`: the HTTP service over one SQLite file, until SIGINT or SIGTERM.
///
/// Each setting comes from its flag, else its `DRIFTWATCH_*` environment variable, else the
/// default (design.md). Until bearer tokens exist the server binds only to loopback.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the driftwatch HTTP service (ingest, baselines, /metrics)."
    )

    @Option(help: ArgumentHelp("Address to bind, host:port; loopback only (env DRIFTWATCH_LISTEN; default 127.0.0.1:8742).", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("SQLite file; its folder is created (env DRIFTWATCH_DATA; default ./var/driftwatch.sqlite).", valueName: "path"))
    var data: String?

    @Option(help: ArgumentHelp("Largest accepted request body in bytes (env DRIFTWATCH_MAX_BODY_BYTES; default 16 MiB).", valueName: "bytes"))
    var maxBodyBytes: Int?

    @Option(help: ArgumentHelp("How long an event may trail its model's newest event time and still join its window, e.g. 10m (env DRIFTWATCH_ALLOWED_LATENESS; default 0).", valueName: "duration"))
    var allowedLateness: String?

    static let defaultDataPath = "./var/driftwatch.sqlite"

    func run() async throws {
        let configuration = try resolvedConfiguration(environment: ProcessInfo.processInfo.environment)
        let listen = configuration.listen
        try await runServer(configuration) { port in
            let bound = ListenAddress(host: listen.host, port: port ?? listen.port)
            standardError("driftwatch: listening on http://\(bound)\n")
        }
        standardError("driftwatch: stopped\n")
    }

    func resolvedConfiguration(environment: [String: String]) throws -> ServerConfiguration {
        let listenText = listen ?? environment["DRIFTWATCH_LISTEN"] ?? ListenAddress.default.description
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listenText)
        } catch {
            throw InputError(error.description)
        }
        guard address.isLoopback else {
            throw InputError("refusing to listen on \(address): binding beyond loopback needs tokens, not yet supported")
        }
        var maximum = ServerConfiguration.defaultMaxBodyBytes
        if let maxBodyBytes {
            maximum = maxBodyBytes
        } else if let text = environment["DRIFTWATCH_MAX_BODY_BYTES"] {
            guard let value = Int(text) else { throw InputError("DRIFTWATCH_MAX_BODY_BYTES '\(text)' is not a whole number") }
            maximum = value
        }
        guard maximum > 0 else { throw InputError("the body limit must be at least 1 byte, got \(maximum)") }
        let path = data ?? environment["DRIFTWATCH_DATA"] ?? Self.defaultDataPath
        var lateness = 0.0
        if let text = allowedLateness ?? environment["DRIFTWATCH_ALLOWED_LATENESS"], text != "0" {
            do {
                if case let .duration(seconds) = try WindowSpec.parseDuration(text) { lateness = seconds }
            } catch {
                throw InputError("allowed lateness '\(text)' is not a duration like 10m, 1h30m or 0")
            }
        }
        return ServerConfiguration(listen: address, dataPath: path, maxBodyBytes: maximum, allowedLateness: lateness)
    }
}
