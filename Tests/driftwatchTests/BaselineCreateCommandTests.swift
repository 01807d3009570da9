import DriftwatchTestSupport
import Foundation
import Testing

/// `driftwatch baseline create` against the real `driftwatch serve` on an ephemeral loopback port.
@Suite("driftwatch baseline create")
struct BaselineCreateCommandTests {
    static let schema = #"""
        {"features":[{"name":"amount","type":"numeric"},{"name":"country","type":"categorical"}],
         "prediction":{"type":"score"},"label":{"type":"binary"},"window":"1h"}
        """#

    /// A served model `fraud` in a fresh directory.
    static func server(_ scratch: ScratchDirectory) async throws -> ServeProcess {
        let server = try await ServeProcess.start(in: scratch.url)
        let registered = try await server.request("PUT", "/v1/models/fraud", type: "application/json", body: schema)
        #expect(registered.status == 201, "\(registered.body)")
        return server
    }

    /// The active baseline `GET /v1/models/fraud` describes, as (name, rows).
    static func activeBaseline(_ server: ServeProcess) async throws -> (name: String, rows: Int)? {
        let described = try await server.request("GET", "/v1/models/fraud")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(described.body.utf8)) as? [String: Any])
        guard let baseline = object["active_baseline"] as? [String: Any] else { return nil }
        return (try #require(baseline["name"] as? String), try #require(baseline["rows"] as? Int))
    }

    @Test("CSV and NDJSON uploads become the active baseline with their row counts; rejected rows are listed by file line")
    func uploads() async throws {
        let scratch = try ScratchDirectory()
        let server = try await Self.server(scratch)
        var csv = ["id,amount,country,prediction"] + (0..<120).map { "r\($0),\(Double($0) * 0.5),\(["DE", "FR", "US"][$0 % 3]),0.5" }
        csv[49] = "r48,oops,DE,0.5"  // file line 50
        try scratch.write("ref.csv", csv.joined(separator: "\n") + "\n")

        let created = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "reference", "--file", "ref.csv", "--server", server.baseURL)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.hasPrefix("Baseline 'reference' of model 'fraud' from ref.csv: 119 rows profiled, 1 rejected; active\n"))
        #expect(created.standardOutput.contains("  ref.csv: line 50: "), "\(created.standardOutput)")
        #expect(try await Self.activeBaseline(server)?.name == "reference")
        #expect(try await Self.activeBaseline(server)?.rows == 119)

        let events = (0..<80).map { #"{"id":"b\#($0)","features":{"amount":\#($0),"country":"FR"},"prediction":0.5}"# }
        try scratch.write("ref.jsonl", events.joined(separator: "\n") + "\n")
        let kept = try await scratch.run(
            "baseline", "create", "--model", "fraud", "--name", "candidate", "--file", "ref.jsonl", "--no-activate",
            environment: ["DRIFTWATCH_SERVER": server.baseURL])
        #expect(kept.status == 0, "\(kept.standardError)")
        #expect(kept.standardOutput == "Baseline 'candidate' of model 'fraud' from ref.jsonl: 80 rows profiled, 0 rejected; not active\n")
        #expect(try await Self.activeBaseline(server)?.name == "reference")

        try scratch.write("ref.ndjson", events.prefix(60).joined(separator: "\n"))
        let activated = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "nd", "--file", "ref.ndjson", "--server", server.baseURL + "/")
        #expect(activated.status == 0, "\(activated.standardError)")
        let active = try #require(try await Self.activeBaseline(server))
        #expect(active.name == "nd")
        #expect(active.rows == 60)
        #expect(server.stop() == 0)
    }

    @Test("a missing file, an unreachable server, an unknown model and a refused upload exit 2 with the reason")
    func errors() async throws {
        let scratch = try ScratchDirectory()
        let server = try await Self.server(scratch)
        try scratch.write("ref.csv", "id,amount,country,prediction\nr1,1,DE,0.5\n")

        let missing = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "r", "--file", "nope.csv", "--server", server.baseURL)
        #expect(missing.status == 2)
        #expect(missing.standardError == "driftwatch: nope.csv: cannot read: No such file or directory\n")

        // Nothing listens on port 1 of loopback (a privileged port no test binds).
        let unreachable = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "r", "--file", "ref.csv", "--server", "http://127.0.0.1:1")
        #expect(unreachable.status == 2)
        #expect(unreachable.standardError.hasPrefix("driftwatch: cannot reach the driftwatch server at http://127.0.0.1:1: "))
        #expect(unreachable.standardError.contains("is 'driftwatch serve' running there?"))

        let unknown = try await scratch.run("baseline", "create", "--model", "nope", "--name", "r", "--file", "ref.csv", "--server", server.baseURL)
        #expect(unknown.status == 2)
        #expect(unknown.standardError == "driftwatch: ref.csv: the server refused the baseline (HTTP 404): unknown model 'nope'\n")

        try scratch.write("empty.csv", "id,amount,country,prediction\n")
        let refused = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "r", "--file", "empty.csv", "--server", server.baseURL)
        #expect(refused.status == 2)
        #expect(refused.standardError.hasPrefix("driftwatch: empty.csv: the server refused the baseline (HTTP 400): "))

        try scratch.write("ref.parquet", "x")
        let unknownType = try await scratch.run("baseline", "create", "--model", "fraud", "--name", "r", "--file", "ref.parquet", "--server", server.baseURL)
        #expect(unknownType.status == 2)
        #expect(unknownType.standardError.hasPrefix("driftwatch: ref.parquet: unknown file type"))
        #expect(try await Self.activeBaseline(server) == nil)
    }
}
