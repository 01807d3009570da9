import Foundation

/// The real parsers, driven on temporary files: Debian's promtool and Python's prometheus_client.
/// A missing tool is a thrown ``TestSupportError`` naming the command that installs it.
public enum ExpositionParsers {
    /// Parses a file with prometheus_client and prints every sample as JSON: the value's IEEE bits,
    /// and OpenMetrics timestamps as exact (seconds, nanoseconds).
    public static let parserScript = #"""
        import json, struct, sys
        mode, path = sys.argv[1], sys.argv[2]
        if mode == "openmetrics":
            from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse
        else:
            from prometheus_client.parser import text_string_to_metric_families as parse
        text = open(path, encoding="utf-8", newline="").read()
        out = []
        for family in parse(text):
            for s in family.samples:
                ts = s.timestamp
                out.append({
                    "family": family.name, "type": family.type, "unit": getattr(family, "unit", ""),
                    "help": family.documentation, "name": s.name, "labels": s.labels,
                    "bits": str(struct.unpack("<Q", struct.pack("<d", float(s.value)))[0]),
                    "timestamp": [ts.sec, ts.nsec] if hasattr(ts, "sec") else None,
                })
        print(json.dumps(out))
        """#

    public struct ParsedSample: Decodable, Sendable {
        public var family: String
        public var type: String
        public var unit: String
        public var help: String
        public var name: String
        public var labels: [String: String]
        public var bits: String
        public var timestamp: [Int64]?
    }

    public static func promtool() throws -> String {
        guard let promtool = ExternalTool.locate("promtool") else {
            throw TestSupportError("promtool is not on PATH: install Debian's `prometheus` package (make test-tools)")
        }
        return promtool
    }

    public static func python() throws -> String {
        guard let python = ExternalTool.locate("python3") else { throw TestSupportError("python3 is not on PATH") }
        let probe = try ExternalTool.run(python, ["-c", "import prometheus_client"])
        guard probe.status == 0 else {
            throw TestSupportError("prometheus_client is missing: make test-tools installs it\n\(probe.output)")
        }
        return python
    }

    public static func checkWithPromtool(_ text: String) throws -> ExternalTool.Run {
        let file = try ExternalTool.temporaryFile(text, suffix: ".prom")
        defer { try? FileManager.default.removeItem(at: file) }
        return try ExternalTool.run(try promtool(), ["check", "metrics"], standardInput: file)
    }

    public static func parseWithPython(_ text: String, openMetrics: Bool) throws -> (run: ExternalTool.Run, samples: [ParsedSample]) {
        let file = try ExternalTool.temporaryFile(text, suffix: openMetrics ? ".om" : ".prom")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try ExternalTool.run(try python(), ["-c", parserScript, openMetrics ? "openmetrics" : "text", file.path])
        guard run.status == 0 else { return (run, []) }
        let samples = try JSONDecoder().decode([ParsedSample].self, from: Data(run.output.utf8))
        return (run, samples)
    }
}
