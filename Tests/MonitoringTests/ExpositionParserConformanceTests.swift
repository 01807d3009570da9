import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing

/// The writers' output checked by real parsers: Debian's `promtool check metrics` (Go's 0.0.4
/// parser plus promlint) and prometheus_client's strict OpenMetrics parser, and values read back by
/// prometheus_client compared bit for bit. CI installs both (`prometheus` from Debian,
/// `prometheus_client` from PyPI); a missing tool fails these tests, it never skips them.
@Suite struct ExpositionParserConformanceTests {
    @Test func promtoolAcceptsTheRepresentativeExpositionWithoutLintFindings() throws {
        let run = try ExpositionParsers.checkWithPromtool(ExpositionFormat.prometheusText.render(try ExpositionSamples.representative()))
        #expect(run.status == 0, "promtool check metrics: \(run.output)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(run.output)")
    }

    @Test func strictOpenMetricsParserAcceptsTheRepresentativeExposition() throws {
        let set = try ExpositionSamples.representative()
        let (run, samples) = try ExpositionParsers.parseWithPython(ExpositionFormat.openMetrics.render(set), openMetrics: true)
        #expect(run.status == 0, "\(run.output)")
        #expect(samples.count == 26)
        let histogram = samples.filter { $0.family == "driftwatch_http_request_duration_seconds" }
        #expect(histogram.first?.help == ExpositionSamples.requestDuration.help)
        #expect(histogram.first?.unit == "seconds" && histogram.first?.type == "histogram")
        #expect(samples.contains { $0.family == "driftwatch_predictions_ingested" && $0.name == "driftwatch_predictions_ingested_total" })
        #expect(samples.contains { $0.labels["feature"] == ExpositionSamples.nastyFeature })
        let stamped = try #require(samples.first { $0.timestamp != nil })
        #expect(stamped.timestamp == [1_795_255_200, 123_000_000])
    }

    /// The checks bite: a broken exposition fails both tools.
    @Test func theToolsRejectBrokenExpositions() throws {
        let promtoolRun = try ExpositionParsers.checkWithPromtool("# TYPE foo gauge\nfoo{a=b} 1\n")
        #expect(promtoolRun.status == 1, "\(promtoolRun.output)")
        let lint = try ExpositionParsers.checkWithPromtool("# TYPE foo_requests counter\nfoo_requests 1\n")
        #expect(lint.status == 3, "\(lint.output)")
        for broken in [
            "# TYPE h histogram\nh_bucket{le=\"1.0\"} 1\nh_count 1\nh_sum 1\n# EOF\n",  // no +Inf bucket
            "# TYPE c counter\nc_total 1\n",  // no # EOF
            "# TYPE c counter\nc 1\n# EOF\n",  // counter sample without _total
        ] {
            let (run, _) = try ExpositionParsers.parseWithPython(broken, openMetrics: true)
            #expect(run.status != 0, "accepted: \(broken)")
        }
    }

    /// Random bit patterns (every exponent, subnormals, ±0, NaN, ±Inf), nasty label values,
    /// histograms and timestamps: prometheus_client reads back exactly what was meant, in both
    /// formats, and promtool accepts the 0.0.4 form.
    @Test func valuesRoundTripBitExactly() throws {
        let (set, expected) = try Self.roundTripSet()
        for openMetrics in [true, false] {
            let text = (openMetrics ? ExpositionFormat.openMetrics : .prometheusText).render(set)
            let (run, samples) = try ExpositionParsers.parseWithPython(text, openMetrics: openMetrics)
            try #require(run.status == 0, "prometheus_client (\(openMetrics ? "OpenMetrics" : "0.0.4")): \(run.output)")
            #expect(samples.count == expected.count)
            var parsed: [String: ExpositionParsers.ParsedSample] = [:]
            for sample in samples { parsed[Self.key(sample.name, sample.labels)] = sample }
            for (key, want) in expected {
                let got = try #require(parsed[key], "missing sample \(key)")
                let bits = try #require(UInt64(got.bits))
                if want.value.isNaN {
                    #expect(Double(bitPattern: bits).isNaN, "\(key)")
                } else {
                    #expect(
                        bits == want.value.bitPattern,
                        "\(key): wrote \(PrometheusNumber.text(want.value)), read \(Double(bitPattern: bits))")
                }
                if openMetrics {
                    let timestamp = want.timestampMilliseconds.map { [$0 / 1000, ($0 % 1000) * 1_000_000] }
                    #expect(got.timestamp == timestamp, "\(key)")
                }
            }
        }
        let promtoolRun = try ExpositionParsers.checkWithPromtool(ExpositionFormat.prometheusText.render(set))
        #expect(promtoolRun.status == 0, "promtool check metrics: \(promtoolRun.output)")
    }

    static func key(_ name: String, _ labels: [String: String]) -> String {
        name + "|" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}")
    }

    /// The set, and each sample it must produce (name and labels → value, timestamp).
    static func roundTripSet() throws -> (MetricSet, [String: (value: Double, timestampMilliseconds: Int64?)]) {
        var generator = SplitMix(seed: 7)
        var set = MetricSet()
        var expected: [String: (value: Double, timestampMilliseconds: Int64?)] = [:]
        let specials: [Double] = [
            0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
            .leastNormalMagnitude, 0.1, 1e6, 1e-5, 123_456.7, 9_007_199_254_740_992, -1,
        ]
        let nasty = ["", "\"", "\\", "\n", "\\n", "\\\"", "\u{2028}", "é", "e\u{301}", "😀", "\t", "\r", "\0", ExpositionSamples.nastyFeature]
        let gauge = ExpositionSamples.driftScore
        for index in 0..<400 {
            let value = index < specials.count ? specials[index] : Double(bitPattern: generator.next())
            let feature = "f\(index)" + nasty[index % nasty.count]
            let labels: LabelSet = ["model": "fraud", "detector": "feature-drift", "feature": feature, "method": "ks"]
            // Positive timestamps: prometheus_client 0.26 misreads negative fractional ones.
            let timestamp: Int64? = index % 3 == 0 ? Int64(generator.next() % 4_000_000_000_000) : nil
            try set.add(gauge, labels: labels, value: value, timestampMilliseconds: timestamp)
            expected[key(gauge.name, ["model": "fraud", "detector": "feature-drift", "feature": feature, "method": "ks"])] = (value, timestamp)
        }
        let counter = ExpositionSamples.ingested
        for index in 0..<100 {
            let value = Double(bitPattern: generator.next() >> 1)
            guard value.isFinite else { continue }
            try set.add(counter, labels: ["model": "m\(index)"], value: value)
            expected[key(counter.name, ["model": "m\(index)"])] = (value, nil)
        }
        let histogram = ExpositionSamples.requestDuration
        for index in 0..<20 {
            var bounds = (0..<5).map { _ in Double(bitPattern: generator.next() >> 2) }.filter(\.isFinite)
            bounds = Array(Set(bounds)).sorted() + [.infinity]
            var cumulative: UInt64 = 0
            var buckets: [Histogram.Bucket] = []
            for bound in bounds {
                cumulative += generator.next() % 1_000
                buckets.append(.init(upperBound: bound, cumulativeCount: cumulative))
            }
            let sum = Double(bitPattern: generator.next() >> 2)
            let labels = ["route": "/r\(index)", "status": "200"]
            try set.add(
                histogram, labels: ["route": "/r\(index)", "status": "200"],
                histogram: Histogram(buckets: buckets, sum: sum, count: cumulative))
            for bucket in buckets {
                expected[key(histogram.name + "_bucket", labels.merging(["le": PrometheusNumber.canonical(bucket.upperBound)]) { $1 })] =
                    (Double(bucket.cumulativeCount), nil)
            }
            expected[key(histogram.name + "_sum", labels)] = (sum, nil)
            expected[key(histogram.name + "_count", labels)] = (Double(cumulative), nil)
        }
        return (set, expected)
    }
}
