import Monitoring
import Testing

@Suite struct ExpositionFormatNegotiationTests {
    static let table: [(accept: String?, format: ExpositionFormat, why: String)] = [
        (nil, .prometheusText, "no header"),
        ("", .prometheusText, "empty header"),
        ("*/*", .prometheusText, "wildcards never pick OpenMetrics"),
        ("text/plain", .prometheusText, "plain text"),
        ("text/plain;version=0.0.4", .prometheusText, "explicit 0.0.4"),
        ("application/openmetrics-text", .openMetrics, "OpenMetrics without a version"),
        ("application/openmetrics-text; version=1.0.0; charset=utf-8", .openMetrics, "OpenMetrics 1.0.0"),
        ("Application/OpenMetrics-Text;Version=\"1.0.0\"", .openMetrics, "case-insensitive names, quoted version"),
        ("application/openmetrics-text;version=0.0.1", .prometheusText, "only OpenMetrics 0.0.1: fall back"),
        ("application/openmetrics-text;q=0", .prometheusText, "OpenMetrics refused"),
        ("application/openmetrics-text;q=0.5,text/plain;version=0.0.4;q=0.6", .prometheusText, "text preferred"),
        ("text/plain;version=0.0.4;q=0.2,application/openmetrics-text;q=0.3", .openMetrics, "OpenMetrics preferred"),
        ("application/openmetrics-text;q=0.5,*/*;q=0.9", .prometheusText, "wildcard preferred"),
        ("text/plain;q=0.5,application/openmetrics-text;q=0.5", .prometheusText, "tie: first listed"),
        ("application/openmetrics-text;q=0.5,text/plain;q=0.5", .openMetrics, "tie: first listed"),
        (
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
            .openMetrics, "Prometheus 2 default"
        ),
        (
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1",
            .openMetrics, "Prometheus 3 default"
        ),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", .prometheusText, "a browser"),
        ("application/json", .prometheusText, "nothing acceptable: last resort"),
        ("text/plain;q=0", .prometheusText, "nothing acceptable: last resort"),
        ("application/openmetrics-text;q=abc", .prometheusText, "malformed q drops the range"),
        ("application/openmetrics-text;q=1.5", .prometheusText, "q above 1 drops the range"),
        ("application/openmetrics-text;q=0.0001", .prometheusText, "more than three decimals drops the range"),
        ("application/openmetrics-text ; q=0.001", .openMetrics, "spaces around parameters"),
        ("text/plain;version=1.0.0,application/openmetrics-text;q=0.1", .openMetrics, "text 1.0.0 is not served"),
        ("application/openmetrics-text;foo=\"a,b;q=0\"", .openMetrics, "separators inside quotes"),
        (",,application/openmetrics-text,", .openMetrics, "empty elements ignored"),
    ]

    @Test(arguments: table.indices) func negotiation(_ index: Int) {
        let row = Self.table[index]
        #expect(ExpositionFormat.negotiated(accept: row.accept) == row.format, "\(row.why): \(row.accept ?? "nil")")
    }
}
