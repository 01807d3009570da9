import ArgumentParser
import Foundation

/// Where a client command finds the driftwatch server and how it authenticates, shared by
/// `baseline create` and `ingest`. Each comes from its flag, else its `DRIFTWATCH_*` variable.
struct ServerOptions: ParsableArguments {
    static let defaultServer = "http://127.0.0.1:8742"

    @Option(help: ArgumentHelp("Base URL of a running 'driftwatch serve' (env DRIFTWATCH_SERVER; default \(ServerOptions.defaultServer)).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("Bearer token sent as 'Authorization: Bearer <token>' (env DRIFTWATCH_TOKEN).", valueName: "token"))
    var token: String?

    /// The client these options describe, or an input error for a URL that is not http(s).
    func client(environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> ServerClient {
        var base = server ?? environment["DRIFTWATCH_SERVER"] ?? Self.defaultServer
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw InputError("server '\(base)' is not an http:// or https:// URL")
        }
        let token = token ?? environment["DRIFTWATCH_TOKEN"]
        return ServerClient(base: base, token: token.flatMap { $0.isEmpty ? nil : $0 })
    }
}
