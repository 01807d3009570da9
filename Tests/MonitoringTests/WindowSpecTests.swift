import Foundation
import Monitoring
import Testing

@Suite struct WindowSpecTests {
    @Test(arguments: [
        ("1h", 3600.0), ("30m", 1800), ("90s", 90), ("1d", 86_400), ("1h30m", 5400), ("1w", 604_800),
        ("1y", 31_536_000), ("1d2h3m4s5ms", 93_784.005), ("250ms", 0.25), ("0h5m", 300),
    ])
    func parsesPrometheusDurations(text: String, seconds: Double) throws {
        #expect(try WindowSpec.parseDuration(text) == .duration(seconds: seconds))
    }

    @Test(arguments: [
        ("", WindowSpecError.emptyDuration),
        ("0s", .nonPositiveDuration("0s")),
        ("0", .nonPositiveDuration("0")),
        ("5", .malformedDuration("5", reason: "missing unit after 5 (use ms, s, m, h, d, w or y)")),
        ("1.5h", .malformedDuration("1.5h", reason: "unknown unit '.' (use ms, s, m, h, d, w or y)")),
        ("1H", .malformedDuration("1H", reason: "unknown unit 'H' (use ms, s, m, h, d, w or y)")),
        ("30m1h", .malformedDuration("30m1h", reason: "unit 'h' repeated or out of order (order: y w d h m s ms)")),
        ("1h1h", .malformedDuration("1h1h", reason: "unit 'h' repeated or out of order (order: y w d h m s ms)")),
        ("-1h", .malformedDuration("-1h", reason: "expected a number at position 1")),
        ("h", .malformedDuration("h", reason: "expected a number at position 1")),
        (" 1h", .malformedDuration(" 1h", reason: "expected a number at position 1")),
        ("99999999999999999999y", .durationOutOfRange("99999999999999999999y")),
        ("999999999999y", .durationOutOfRange("999999999999y")),
    ])
    func refusesBadDurations(text: String, error: WindowSpecError) {
        #expect(throws: error) { try WindowSpec.parseDuration(text) }
    }

    @Test func canonicalFormFollowsPrometheus() throws {
        #expect(WindowSpec.duration(seconds: 5400).canonicalDuration == "1h30m")
        #expect(WindowSpec.duration(seconds: 8 * 86_400).canonicalDuration == "8d")
        #expect(WindowSpec.duration(seconds: 14 * 86_400).canonicalDuration == "2w")
        #expect(WindowSpec.duration(seconds: 365 * 86_400).canonicalDuration == "1y")
        #expect(WindowSpec.duration(seconds: 0.25).canonicalDuration == "250ms")
        #expect(WindowSpec.duration(seconds: 90).canonicalDuration == "1m30s")
        #expect(WindowSpec.rows(10).canonicalDuration == nil)
        for text in ["1h", "1d2h3m4s5ms", "90s", "3w", "2y", "400d"] {
            let window = try WindowSpec.parseDuration(text)
            #expect(try WindowSpec.parseDuration(window.canonicalDuration ?? "") == window)
        }
    }

    @Test func codableForms() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(WindowSpec.self, from: Data(#""1h30m""#.utf8)) == .duration(seconds: 5400))
        #expect(try decoder.decode(WindowSpec.self, from: Data(#"{"rows":10000}"#.utf8)) == .rows(10000))
        let encoded = try JSONEncoder().encode([WindowSpec.rows(5), .duration(seconds: 1800)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"[{"rows":5},"30m"]"#)
    }

    @Test func validatesWindowsBuiltInCode() {
        #expect(throws: WindowSpecError.nonPositiveRows(0)) { try WindowSpec.rows(0).validate() }
        #expect(throws: WindowSpecError.self) { try WindowSpec.duration(seconds: -1).validate() }
        #expect(throws: WindowSpecError.self) { try WindowSpec.duration(seconds: .nan).validate() }
        #expect(throws: WindowSpecError.durationOutOfRange("inf")) { try WindowSpec.duration(seconds: .infinity).validate() }
        #expect(throws: WindowSpecError.durationOutOfRange("1e+30")) { try WindowSpec.duration(seconds: 1e30).validate() }
        #expect(WindowSpec.duration(seconds: 1e30).canonicalDuration == nil)
        #expect(throws: WindowSpecError.nonPositiveDuration("0.0001")) { try WindowSpec.duration(seconds: 0.0001).validate() }
        #expect(throws: EncodingError.self) { try JSONEncoder().encode([WindowSpec.duration(seconds: -5)]) }
    }
}
