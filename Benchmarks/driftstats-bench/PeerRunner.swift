import Foundation

/// Runs the SciPy/numpy peer (`Benchmarks/peer/scipy_peer.py`) on the same files and reads its
/// timings back.
struct PeerResult {
    let seconds: Double
    let statistic: Double
    let library: String
}

enum PeerRunner {
    static func run(manifest: [[String: Any]], dataDirectory: URL, python: String, script: String) throws -> [String: PeerResult] {
        let manifestURL = dataDirectory.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: ["directory": dataDirectory.path, "cases": manifest])
            .write(to: manifestURL)
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
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw BenchmarkError.peerFailed("the peer printed no JSON object")
        }
        var results: [String: PeerResult] = [:]
        for (name, fields) in root {
            results[name] = PeerResult(
                seconds: fields["seconds"] as? Double ?? .nan,
                statistic: fields["statistic"] as? Double ?? .nan,
                library: fields["library"] as? String ?? "?"
            )
        }
        return results
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case peerFailed(String)
    var description: String {
        switch self {
        case .peerFailed(let detail): return "peer benchmark failed: \(detail)"
        }
    }
}
