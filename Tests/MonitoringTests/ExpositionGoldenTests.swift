import Monitoring
import Testing

@Suite struct ExpositionGoldenTests {
    /// design.md's names in text format 0.0.4; the escaped feature holds `"`, `\`, a line feed, U+2028,
    /// `é`, an emoji, a tab, a carriage return and NUL (the last five raw, as the format allows).
    static let prometheusText = #"""
        # HELP driftwatch_dataset_drift_share Share of a detector's features that drifted.
        # TYPE driftwatch_dataset_drift_share gauge
        driftwatch_dataset_drift_share{model="fraud",detector="feature-drift"} 0.5
        # HELP driftwatch_feature_drift_p_value P-value of a feature's drift test.
        # TYPE driftwatch_feature_drift_p_value gauge
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="age",method="ks"} NaN
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="amount",method="ks"} 1.5e-12
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="country",method="chi2"} 0.0021
        # HELP driftwatch_feature_drift_score Drift distance or test statistic of a feature.
        # TYPE driftwatch_feature_drift_score gauge
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="age",method="ks"} NaN
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="amount",method="ks"} 0.213
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="country",method="chi2"} 12.5
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="pa\"th\\to\nnew\#u{2028}é😀\#t\#r\#0end",method="psi"} 0.1
        # HELP driftwatch_http_request_duration_seconds HTTP request latency.\nPer route and status; "le" in seconds, C:\\ paths escaped.
        # TYPE driftwatch_http_request_duration_seconds histogram
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="0.005"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="0.05"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="1.0"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="+Inf"} 2
        driftwatch_http_request_duration_seconds_sum{route="/metrics",status="200"} 0.003
        driftwatch_http_request_duration_seconds_count{route="/metrics",status="200"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="0.005"} 24
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="0.05"} 100
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="1.0"} 143
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="+Inf"} 144
        driftwatch_http_request_duration_seconds_sum{route="/v1/models/{model}/predictions",status="200"} 3.5
        driftwatch_http_request_duration_seconds_count{route="/v1/models/{model}/predictions",status="200"} 144
        # HELP driftwatch_ingest_rejected_total Events rejected at ingest.
        # TYPE driftwatch_ingest_rejected_total counter
        driftwatch_ingest_rejected_total{model="fraud",reason="schema"} 17
        # HELP driftwatch_predictions_ingested_total Prediction events accepted.
        # TYPE driftwatch_predictions_ingested_total counter
        driftwatch_predictions_ingested_total{model="churn"} 0
        driftwatch_predictions_ingested_total{model="fraud"} 1.234567e+06
        # HELP driftwatch_pushed_value A pushed value of unknown type.
        # TYPE driftwatch_pushed_value untyped
        driftwatch_pushed_value 2.5e-07
        driftwatch_pushed_value{series="endpoint_latency_ms"} -Inf
        # HELP driftwatch_window_end_timestamp_seconds End of the most recently closed window, in Unix seconds.
        # TYPE driftwatch_window_end_timestamp_seconds gauge
        driftwatch_window_end_timestamp_seconds{model="fraud"} 1.7952552e+09 1795255200123

        """#

    /// The same set in OpenMetrics 1.0: TYPE/UNIT/HELP, counter families without `_total`, `unknown`,
    /// `\"` in help, timestamps in seconds, `# EOF`.
    static let openMetrics = #"""
        # TYPE driftwatch_dataset_drift_share gauge
        # HELP driftwatch_dataset_drift_share Share of a detector's features that drifted.
        driftwatch_dataset_drift_share{model="fraud",detector="feature-drift"} 0.5
        # TYPE driftwatch_feature_drift_p_value gauge
        # HELP driftwatch_feature_drift_p_value P-value of a feature's drift test.
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="age",method="ks"} NaN
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="amount",method="ks"} 1.5e-12
        driftwatch_feature_drift_p_value{model="fraud",detector="feature-drift",feature="country",method="chi2"} 0.0021
        # TYPE driftwatch_feature_drift_score gauge
        # HELP driftwatch_feature_drift_score Drift distance or test statistic of a feature.
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="age",method="ks"} NaN
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="amount",method="ks"} 0.213
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="country",method="chi2"} 12.5
        driftwatch_feature_drift_score{model="fraud",detector="feature-drift",feature="pa\"th\\to\nnew\#u{2028}é😀\#t\#r\#0end",method="psi"} 0.1
        # TYPE driftwatch_http_request_duration_seconds histogram
        # UNIT driftwatch_http_request_duration_seconds seconds
        # HELP driftwatch_http_request_duration_seconds HTTP request latency.\nPer route and status; \"le\" in seconds, C:\\ paths escaped.
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="0.005"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="0.05"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="1.0"} 2
        driftwatch_http_request_duration_seconds_bucket{route="/metrics",status="200",le="+Inf"} 2
        driftwatch_http_request_duration_seconds_count{route="/metrics",status="200"} 2
        driftwatch_http_request_duration_seconds_sum{route="/metrics",status="200"} 0.003
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="0.005"} 24
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="0.05"} 100
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="1.0"} 143
        driftwatch_http_request_duration_seconds_bucket{route="/v1/models/{model}/predictions",status="200",le="+Inf"} 144
        driftwatch_http_request_duration_seconds_count{route="/v1/models/{model}/predictions",status="200"} 144
        driftwatch_http_request_duration_seconds_sum{route="/v1/models/{model}/predictions",status="200"} 3.5
        # TYPE driftwatch_ingest_rejected counter
        # HELP driftwatch_ingest_rejected Events rejected at ingest.
        driftwatch_ingest_rejected_total{model="fraud",reason="schema"} 17
        # TYPE driftwatch_predictions_ingested counter
        # HELP driftwatch_predictions_ingested Prediction events accepted.
        driftwatch_predictions_ingested_total{model="churn"} 0
        driftwatch_predictions_ingested_total{model="fraud"} 1.234567e+06
        # TYPE driftwatch_pushed_value unknown
        # HELP driftwatch_pushed_value A pushed value of unknown type.
        driftwatch_pushed_value 2.5e-07
        driftwatch_pushed_value{series="endpoint_latency_ms"} -Inf
        # TYPE driftwatch_window_end_timestamp_seconds gauge
        # UNIT driftwatch_window_end_timestamp_seconds seconds
        # HELP driftwatch_window_end_timestamp_seconds End of the most recently closed window, in Unix seconds.
        driftwatch_window_end_timestamp_seconds{model="fraud"} 1.7952552e+09 1795255200.123
        # EOF

        """#

    @Test func representativeExpositionInTextFormat004() throws {
        #expect(ExpositionFormat.prometheusText.render(try ExpositionSamples.representative()) == Self.prometheusText)
    }

    @Test func representativeExpositionInOpenMetrics() throws {
        #expect(ExpositionFormat.openMetrics.render(try ExpositionSamples.representative()) == Self.openMetrics)
    }

    @Test func outputDoesNotDependOnInsertionOrder() throws {
        let forward = try ExpositionSamples.representative()
        var reversed = MetricSet()
        for family in forward.families.reversed() {
            for series in family.series.reversed() { try reversed.add(family.descriptor, series) }
        }
        for format in ExpositionFormat.allCases {
            #expect(format.render(reversed) == format.render(forward))
        }
    }

    @Test func contentTypes() {
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8")
    }

    @Test func emptySet() {
        #expect(ExpositionFormat.prometheusText.render(MetricSet()) == "")
        #expect(ExpositionFormat.openMetrics.render(MetricSet()) == "# EOF\n")
    }

    @Test func escapingOfHelpAndLabelValues() throws {
        let gauge = MetricDescriptor(name: "g", type: .gauge, help: "say \"hi\" \\ to\nthe \"new\n")
        var set = MetricSet()
        let cases: [(String, String)] = [
            (#"""#, #"\""#), (#"\"#, #"\\"#), ("\n", #"\n"#), (#"\n"#, #"\\n"#), (#"\""#, #"\\\""#),
            ("\r\n", "\r" + #"\n"#), ("日本語", "日本語"), ("", ""), (" spaced ", " spaced "),
        ]
        for (index, (raw, _)) in cases.enumerated() {
            try set.add(gauge, labels: ["i": String(index), "v": raw], value: Double(index))
        }
        let text = ExpositionFormat.prometheusText.render(set)
        let open = ExpositionFormat.openMetrics.render(set)
        #expect(text.hasPrefix(#"# HELP g say "hi" \\ to\nthe "new\n"# + "\n"))
        #expect(open.contains(#"# HELP g say \"hi\" \\ to\nthe \"new\n"# + "\n"))
        for (index, (_, escaped)) in cases.enumerated() {
            let line = "g{i=\"\(index)\",v=\"\(escaped)\"} \(index)\n"
            #expect(text.contains(line), "0.0.4 line for case \(index)")
            #expect(open.contains(line), "OpenMetrics line for case \(index)")
        }
    }

    @Test func canonicallyEquivalentValuesAreDistinctSeries() throws {
        let gauge = MetricDescriptor(name: "g", type: .gauge, help: "h")
        var set = MetricSet()
        try set.add(gauge, labels: ["feature": "caf\u{E9}"], value: 1)
        try set.add(gauge, labels: ["feature": "cafe\u{301}"], value: 2)
        #expect(set.family(named: "g")?.series.count == 2)
        // Byte order: "cafe" + U+0301 (65 CC 81) sorts before "caf" + U+00E9 (C3 A9).
        #expect(
            ExpositionFormat.prometheusText.render(set)
                == "# HELP g h\n# TYPE g gauge\ng{feature=\"cafe\u{301}\"} 2\ng{feature=\"caf\u{E9}\"} 1\n")
    }

    @Test func seriesSortByLabelValuesThenNames() throws {
        let gauge = MetricDescriptor(name: "g", type: .gauge, help: "h")
        var set = MetricSet()
        try set.add(gauge, labels: ["b": "1"], value: 1)
        try set.add(gauge, labels: ["a": "1"], value: 2)
        try set.add(gauge, labels: ["a": "0", "z": "9"], value: 3)
        try set.add(gauge, labels: [:], value: 4)
        try set.add(gauge, labels: ["a": "10"], value: 5)
        #expect(ExpositionFormat.prometheusText.render(set) == """
            # HELP g h
            # TYPE g gauge
            g 4
            g{a="0",z="9"} 3
            g{a="1"} 2
            g{b="1"} 1
            g{a="10"} 5

            """)
    }

    @Test func emptyHelpWritesNoHelpLine() throws {
        var set = MetricSet()
        try set.add(MetricDescriptor(name: "c_total", type: .counter, help: ""), value: 3)
        #expect(ExpositionFormat.prometheusText.render(set) == "# TYPE c_total counter\nc_total 3\n")
        #expect(ExpositionFormat.openMetrics.render(set) == "# TYPE c counter\nc_total 3\n# EOF\n")
    }

    @Test func openMetricsTimestampsAreExactDecimalSeconds() throws {
        let gauge = MetricDescriptor(name: "g", type: .gauge, help: "h")
        let cases: [(Int64, String)] = [
            (0, "0"), (1, "0.001"), (10, "0.01"), (1_000, "1"), (1_500, "1.5"), (-1_500, "-1.5"), (-1, "-0.001"),
            (1_795_255_200_120, "1795255200.12"), (.max, "9223372036854775.807"), (.min, "-9223372036854775.808"),
        ]
        for (milliseconds, seconds) in cases {
            var set = MetricSet()
            try set.add(gauge, value: 1, timestampMilliseconds: milliseconds)
            #expect(ExpositionFormat.openMetrics.render(set).contains("g 1 \(seconds)\n"), "\(milliseconds) ms")
            #expect(ExpositionFormat.prometheusText.render(set).contains("g 1 \(milliseconds)\n"), "\(milliseconds) ms")
        }
    }
}
