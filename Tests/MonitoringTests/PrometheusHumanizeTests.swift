@testable import Monitoring
import Testing

/// ``PrometheusHumanize`` against Prometheus 2.42: every expected string is what promtool prints
/// for `{{ humanize $value }}|{{ humanize1024 $value }}|{{ humanizeDuration $value }}|{{
/// humanizePercentage $value }}` (and `humanizeTimestamp`) with that sample value.
@Suite struct PrometheusHumanizeTests {
    static let cases: [(Double, humanize: String, humanize1024: String, duration: String, percentage: String)] = [
        (0, "0", "0", "0s", "0%"), (-0.0, "-0", "-0", "-0s", "-0%"), (1, "1", "1", "1s", "100%"),
        (-1, "-1", "-1", "-1s", "-100%"), (0.5, "500m", "0.5", "500ms", "50%"),
        (999.95, "1000", "1000", "16m 39s", "1e+05%"), (1234, "1.234k", "1.205ki", "20m 34s", "1.234e+05%"),
        (-1_234_567, "-1.235M", "-1.177Mi", "-14d 6h 56m 7s", "-1.235e+08%"), (0.0012, "1.2m", "0.0012", "1.2ms", "0.12%"),
        (1e-30, "1e-06y", "1e-30", "1e-06ys", "1e-28%"), (1e-27, "0.001y", "1e-27", "0.001ys", "1e-25%"),
        (1024, "1.024k", "1ki", "17m 4s", "1.024e+05%"), (1_048_576, "1.049M", "1Mi", "12d 3h 16m 16s", "1.049e+08%"),
        (-2048, "-2.048k", "-2ki", "-34m 8s", "-2.048e+05%"), (1.5, "1.5", "1.5", "1.5s", "150%"),
        (9_007_199_254_740_994, "9.007P", "8Pi", "104249991374d 7h 36m 34s", "9.007e+17%"),
        (.nan, "NaN", "NaN", "NaN", "NaN%"), (.infinity, "+Inf", "+Inf", "+Inf", "+Inf%"), (-.infinity, "-Inf", "-Inf", "-Inf", "-Inf%"),
        (0.000001, "1u", "1e-06", "1us", "0.0001%"), (59.9999, "60", "60", "60s", "6000%"), (60, "60", "60", "1m 0s", "6000%"),
        (3725.5, "3.725k", "3.638ki", "1h 2m 5s", "3.726e+05%"), (86_400, "86.4k", "84.38ki", "1d 0h 0m 0s", "8.64e+06%"),
        (90_061, "90.06k", "87.95ki", "1d 1h 1m 1s", "9.006e+06%"), (-90_061, "-90.06k", "-87.95ki", "-1d 1h 1m 1s", "-9.006e+06%"),
        (0.0015, "1.5m", "0.0015", "1.5ms", "0.15%"), (-0.004, "-4m", "-0.004", "-4ms", "-0.4%"),
        (0.123456, "123.5m", "0.1235", "123.5ms", "12.35%"),
        // Beyond int64 seconds, Go's conversion gives the smallest int64 on amd64, and
        // humanizeDuration prints what that makes of days, hours, minutes and seconds.
        (1e20, "100E", "86.74Ei", "-106751991167300d -15h -30m -8s", "1e+22%"),
        (1e27, "1000Y", "827.2Yi", "-106751991167300d -15h -30m -8s", "1e+29%"),
        (1e30, "1e+06Y", "8.272e+05Yi", "-106751991167300d -15h -30m -8s", "1e+32%"),
    ]

    @Test(arguments: cases) func humanizeFunctions(
        value: Double, humanize: String, humanize1024: String, duration: String, percentage: String
    ) {
        #expect(PrometheusHumanize.humanize(value) == humanize)
        #expect(PrometheusHumanize.humanize1024(value) == humanize1024)
        #expect(PrometheusHumanize.humanizeDuration(value) == duration)
        #expect(PrometheusHumanize.humanizePercentage(value) == percentage)
    }

    /// UTC, Go's `time.Time` spelling, truncated toward zero to milliseconds (so ±0.5 ms is the
    /// epoch); ±2^63 ns both land on the smallest int64, 1677-09-21.
    static let timestamps: [(Double, String)] = [
        (0, "1970-01-01 00:00:00 +0000 UTC"), (1.5e9, "2017-07-14 02:40:00 +0000 UTC"),
        (-1.5, "1969-12-31 23:59:58.5 +0000 UTC"), (1_234_567_890.123_456, "2009-02-13 23:31:30.123 +0000 UTC"),
        (9_223_372_036.854_775_807, "1677-09-21 00:12:43.146 +0000 UTC"), (-9_223_372_036.854_775_808, "1677-09-21 00:12:43.146 +0000 UTC"),
        (0.0005, "1970-01-01 00:00:00 +0000 UTC"), (-0.0005, "1970-01-01 00:00:00 +0000 UTC"),
        (951_782_400, "2000-02-29 00:00:00 +0000 UTC"), (4_102_444_800.999, "2100-01-01 00:00:00.999 +0000 UTC"),
        (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
    ]

    @Test(arguments: timestamps) func humanizeTimestamp(value: Double, expected: String) {
        #expect(PrometheusHumanize.humanizeTimestamp(value) == .success(expected))
    }

    @Test func timestampsBeyondInt64NanosecondsFailAsInPrometheus() {
        guard case .failure(let overflow) = PrometheusHumanize.humanizeTimestamp(1e10) else {
            Issue.record("1e10 s is beyond int64 nanoseconds")
            return
        }
        #expect(overflow.message == "1e+10 cannot be represented as a nanoseconds timestamp since it overflows int64")
        #expect(PrometheusHumanize.humanizeTimestamp(-9.3e9) == .failure(.init(value: -9.3e9)))
    }
}
