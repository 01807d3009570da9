import Monitoring
import Testing

@Suite struct PrometheusDurationTests {
    @Test func zeroOnlyWhereAllowed() throws {
        #expect(try PrometheusDuration.milliseconds("0", allowingZero: true) == 0)
        #expect(try PrometheusDuration.milliseconds("0s", allowingZero: true) == 0)
        #expect(throws: WindowSpecError.nonPositiveDuration("0s")) { try PrometheusDuration.milliseconds("0s", allowingZero: false) }
        #expect(throws: WindowSpecError.nonPositiveDuration("0")) { try PrometheusDuration.milliseconds("0", allowingZero: false) }
    }

    @Test func unitsInPrometheusOrder() throws {
        #expect(try PrometheusDuration.milliseconds("1h30m", allowingZero: false) == 5_400_000)
        #expect(try PrometheusDuration.milliseconds("1y2w3d4h5m6s7ms", allowingZero: true) == 33_019_506_007)
        #expect(throws: WindowSpecError.self) { try PrometheusDuration.milliseconds("30m1h", allowingZero: true) }
        #expect(throws: WindowSpecError.self) { try PrometheusDuration.milliseconds("1.5h", allowingZero: true) }
        #expect(throws: WindowSpecError.self) { try PrometheusDuration.milliseconds("5", allowingZero: true) }
        #expect(throws: WindowSpecError.emptyDuration) { try PrometheusDuration.milliseconds("", allowingZero: true) }
    }
}
