import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing

@Suite struct PrometheusTextDecoderTests {
    static func decode(_ text: String) -> BatchDecodeResult<MetricSample> {
        PrometheusTextDecoder.decode(Array(text.utf8))
    }

    /// Bodies that every parser must read the same way: escapes, special values, timestamps,
    /// histograms and summaries, comments, blanks and tabs.
    static let validBodies = [
        #"""
        # HELP endpoint_latency_ms Request latency \\ per endpoint.\nSecond line.
        # TYPE endpoint_latency_ms gauge
        endpoint_latency_ms{endpoint="fraud",region="eu-west-1"} 12.3
        endpoint_latency_ms{endpoint="churn"} 7 1795255200123
        endpoint_latency_ms{endpoint="a\\b\"c\nd",region="日本"} -0.5e-3

        # a comment line, then a trailing comma inside the braces
        requests_total{code="200",} 1027 -1000
        up	1
        temperature_celsius NaN
        headroom{side="upper"} +Inf
        headroom{side="lower"} -Inf 0
        headroom{side="open"} Inf
        tiny 4.9e-324
        """#,
        #"""
        # TYPE rpc_duration_seconds histogram
        rpc_duration_seconds_bucket{le="0.05"} 24054
        rpc_duration_seconds_bucket{le="1e-1"} 33444
        rpc_duration_seconds_bucket{le="+Inf"} 144320
        rpc_duration_seconds_sum 53423
        rpc_duration_seconds_count 144320
        # HELP rpc_quantiles A summary.
        # TYPE rpc_quantiles summary
        rpc_quantiles{quantile="0.5"} 4773
        rpc_quantiles{quantile="0.99"} 76656
        rpc_quantiles_sum 1.7560473e+07
        rpc_quantiles_count 2693
        job:requests:rate5m{job="api"} .25
        """#,
    ]

    @Test func readsSamplesEscapesSpecialValuesAndTimestamps() throws {
        let result = Self.decode(Self.validBodies[0])
        #expect(result.rejected.isEmpty, "\(result.rejected)")
        #expect(result.acceptedLines == [3, 4, 5, 8, 9, 10, 11, 12, 13, 14])
        let samples = result.accepted
        #expect(samples.count == 10)
        #expect(samples[0] == MetricSample(name: "endpoint_latency_ms", labels: ["endpoint": "fraud", "region": "eu-west-1"], value: 12.3))
        #expect(samples[1] == MetricSample(name: "endpoint_latency_ms", labels: ["endpoint": "churn"], timestamp: 1_795_255_200.123, value: 7))
        #expect(samples[2].labels == ["endpoint": "a\\b\"c\nd", "region": "日本"])
        #expect(samples[2].value == -0.5e-3)
        #expect(samples[3] == MetricSample(name: "requests_total", labels: ["code": "200"], timestamp: -1, value: 1027))
        #expect(samples[4] == MetricSample(name: "up", value: 1))
        #expect(samples[5].value.isNaN)
        #expect(samples[6].value == .infinity)
        #expect(samples[7] == MetricSample(name: "headroom", labels: ["side": "lower"], timestamp: 0, value: -.infinity))
        #expect(samples[8].value == .infinity)
        #expect(samples[9].value == 4.9e-324)
    }

    @Test func aBadLineIsRejectedWithItsNumberAndTheRestKept() {
        let lines = [
            "ok 1",  // 1
            #"bad{a="1"} x"#,  // 2
            #"bad{a="1} 1"#,  // 3
            #"bad{a=1} 1"#,  // 4
            #"bad{a="\t"} 1"#,  // 5
            #"bad{a="1",a="2"} 1"#,  // 6
            #"bad{__name__="x"} 1"#,  // 7
            "bad 1 12.5",  // 8
            "bad 1 2 3",  // 9
            "bad 1e400",  // 10
            "# TYPE t foo",  // 11
            "# TYPE ok gauge",  // 12: after ok's sample
            "# TYPE h histogram",  // 13
            "h 1",  // 14
            "h_bucket 1",  // 15
            #"h_bucket{le="x"} 1"#,  // 16
            #"h_bucket{le="1"} 1"#,  // 17
            "# HELP ok first",  // 18
            "# HELP ok second",  // 19
            "ok 2",  // 20: same series, no timestamp, as line 1
            "ok 2 1000",  // 21
            "9lives 1",  // 22
            "bad 1\r",  // 23
            "bad 0x10",  // 24
            "# HELP esc a \\\"quoted\\\" word",  // 25
            "bad 1 99999999999999999",  // 26: beyond year 9999
            "bad",  // 27
        ]
        let result = Self.decode(lines.joined(separator: "\n") + "\n")
        #expect(result.acceptedLines == [1, 17, 21])
        #expect(result.accepted.map(\.name) == ["ok", "h_bucket", "ok"])
        let errors = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.line, $0.error) })
        // Line 13 (TYPE) and 18 (a HELP after samples, which Prometheus allows) are valid but hold no sample.
        #expect(Set(errors.keys) == Set(1...27).subtracting([1, 13, 17, 18, 21]))
        #expect(errors[2] == "bad: value 'x' is not a number (a decimal, NaN, +Inf or -Inf)")
        #expect(errors[3] == "bad: the value of label 'a' has no closing quote")
        #expect(errors[4] == "bad: the value of label 'a' must be in double quotes")
        #expect(errors[5] == #"bad: label 'a': invalid escape (only \\, \" and \n are allowed)"#)
        #expect(errors[6] == "bad: label 'a' appears twice")
        #expect(errors[7] == "bad: label '__name__' starts with '_', which Prometheus and OpenMetrics reserve")
        #expect(errors[8] == "bad: timestamp '12.5' is not integer milliseconds since the epoch")
        #expect(errors[9] == "bad: unexpected text after the timestamp")
        #expect(errors[10] == "bad: value '1e400' is not a number (a decimal, NaN, +Inf or -Inf)")
        #expect(errors[11] == "# TYPE t: unknown type 'foo' (counter, gauge, histogram, summary or untyped)")
        #expect(errors[12] == "# TYPE ok: a second TYPE line for this metric, or a TYPE after its samples")
        #expect(errors[14] == "h: a histogram takes only h_bucket, h_sum and h_count samples")
        #expect(errors[15] == "h_bucket: a 'le' label is required")
        #expect(errors[16] == "h_bucket: label 'le' must hold a number, got 'x'")
        #expect(errors[19] == "# HELP ok: a second HELP line for this metric")
        #expect(errors[20] == "ok: the same series is already on line 1")
        #expect(errors[22] == "metric name: expected [a-zA-Z_:][a-zA-Z0-9_:]* at the start of the line")
        #expect(errors[23] == "carriage return in the line: the text format separates lines with a line feed only")
        #expect(errors[25] == #"# HELP: invalid escape (only \\ and \n are allowed in help text)"#)
        #expect(errors[26] == "bad: timestamp 99999999999999999 ms is outside the years 0000-9999")
        #expect(errors[27] == "bad: expected a value")
    }

    @Test func promtoolAcceptsEveryValidBody() throws {
        for body in Self.validBodies {
            #expect(Self.decode(body).rejected.isEmpty)
            let run = try ExpositionParsers.checkWithPromtool(body + "\n")
            // Status 3 is promtool's "lint problems" (no HELP text, say); 1 would be a parse error.
            #expect(run.status == 0 || run.status == 3, "\(run.output)")
            #expect(!run.output.contains("error while linting"), "\(run.output)")
        }
    }

    /// Lines refused by Prometheus' own grammar (not by driftwatch's stricter rules) must be
    /// refused by promtool too, each in a body that is otherwise valid.
    @Test func promtoolRefusesWhatThePrometheusGrammarRefuses() throws {
        let refused = [
            #"bad{a="1"} x"#, #"bad{a="1} 1"#, #"bad{a=1} 1"#, #"bad{a="\t"} 1"#, "bad 1 12.5", "bad 1 2 3",
            "# TYPE t foo", "9lives 1", "bad", "# HELP esc a \\\"quoted\\\" word", "bad 1\r",
            "ok 1\n# TYPE ok gauge", "# HELP ok a\n# HELP ok b", "# TYPE h histogram\nh_bucket{le=\"x\"} 1",
        ]
        for line in refused {
            let body = "# HELP fine A metric.\n# TYPE fine gauge\nfine 1\n\(line)\n"
            #expect(!Self.decode(body).rejected.isEmpty, "\(line)")
            let run = try ExpositionParsers.checkWithPromtool(body)
            #expect(run.status == 1, "promtool accepted \(line): \(run.output)")
        }
    }

    /// prometheus_client's text parser reads the valid bodies to the same names, labels, value
    /// bits and timestamps.
    @Test func prometheusClientReadsTheSameSamples() throws {
        let script = #"""
            import json, struct, sys
            from prometheus_client.parser import text_string_to_metric_families as parse
            bits = lambda x: str(struct.unpack("<Q", struct.pack("<d", float(x)))[0])
            out = []
            for family in parse(open(sys.argv[1], encoding="utf-8").read()):
                for s in family.samples:
                    out.append({"name": s.name, "labels": s.labels, "bits": bits(s.value),
                                "timestamp": None if s.timestamp is None else bits(s.timestamp)})
            print(json.dumps(out))
            """#
        struct Parsed: Decodable, Equatable {
            var name: String
            var labels: [String: String]
            var bits: String
            var timestamp: String?
        }
        let python = try ExpositionParsers.python()
        for body in Self.validBodies {
            let file = try ExternalTool.temporaryFile(body + "\n", suffix: ".prom")
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try ExternalTool.run(python, ["-c", script, file.path])
            try #require(run.status == 0, "\(run.output)")
            let theirs = try JSONDecoder().decode([Parsed].self, from: Data(run.output.utf8))
            let ours = Self.decode(body).accepted.map { sample in
                Parsed(
                    name: sample.name, labels: sample.labels, bits: String(sample.value.bitPattern),
                    timestamp: sample.timestamp.map { String($0.bitPattern) })
            }
            #expect(ours == theirs)
        }
    }

    @Test func emptyAndCommentOnlyBodiesHoldNoSamples() {
        #expect(Self.decode("").accepted.isEmpty)
        let comments = Self.decode("# just a comment\n\n#\n# HELP x\n")
        #expect(comments.accepted.isEmpty)
        #expect(comments.rejected.isEmpty)
    }
}
