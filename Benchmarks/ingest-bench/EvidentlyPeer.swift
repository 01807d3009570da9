import Foundation

/// Runs `Benchmarks/peer/evidently_peer.py` on the columns `WindowClose` wrote and reads its
/// timing back (one JSON object on standard output).
struct EvidentlyPeer {
    let seconds: Double
    let runs: Int
    let library: String
    let drifted: [String]

    static func run(python: String, script: String, directory: URL, rows: Int) throws -> EvidentlyPeer {
        let manifest: [String: Any] = [
            "directory": directory.path, "rows": rows, "runs": rows > 100_000 ? 1 : 3,
            "numeric": (0..<SyntheticEvents.numericCount).map(SyntheticEvents.numericName),
            "categorical": (0..<SyntheticEvents.categoricalCount).map { ["name": SyntheticEvents.categoricalName($0), "categories": SyntheticEvents.categories($0)] },
            "boolean": (0..<SyntheticEvents.booleanCount).map(SyntheticEvents.booleanName),
        ]
        let manifestURL = directory.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, manifestURL.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError.peerFailed("\(python) \(script) exited with status \(process.terminationStatus)")
        }
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchmarkError.peerFailed("the peer printed no JSON object")
        }
        return EvidentlyPeer(
            seconds: root["seconds"] as? Double ?? .nan, runs: root["runs"] as? Int ?? 0,
            library: root["library"] as? String ?? "?", drifted: root["drifted"] as? [String] ?? [])
    }
}
