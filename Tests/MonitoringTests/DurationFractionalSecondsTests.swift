import Monitoring
import Testing

@Suite struct DurationFractionalSecondsTests {
    @Test func secondsAndTheirFractionBecomeOneDouble() {
        #expect(Duration.milliseconds(1500).fractionalSeconds == 1.5)
        #expect(Duration.seconds(2).fractionalSeconds + Duration.nanoseconds(5).fractionalSeconds == 2.000000005)
        #expect((Duration.seconds(3) + .nanoseconds(250)).fractionalSeconds == 3.00000025)
        #expect(Duration.milliseconds(-250).fractionalSeconds == -0.25)
        #expect(Duration.zero.fractionalSeconds == 0)
    }
}
