import Integrations
import Testing

@Suite struct DeliveryPolicyTests {
    @Test func answersDecideDeliveryDropOrRetry() {
        #expect(DeliveryPolicy.outcome(status: 200, attempts: 3, jitter: 0) == .delivered)
        #expect(DeliveryPolicy.outcome(status: 204, attempts: 0, jitter: 0) == .delivered)
        #expect(DeliveryPolicy.outcome(status: 400, attempts: 0, jitter: 0) == .rejected(status: 400))
        #expect(DeliveryPolicy.outcome(status: 404, attempts: 5, jitter: 0) == .rejected(status: 404))
        #expect(DeliveryPolicy.outcome(status: 302, attempts: 0, jitter: 0) == .rejected(status: 302), "a redirect would come again")
        // Timeouts and rate limits are worth another try; so are server errors and lost connections.
        #expect(DeliveryPolicy.outcome(status: 408, attempts: 0, jitter: 0) == .retry(afterSeconds: 1))
        #expect(DeliveryPolicy.outcome(status: 429, attempts: 1, jitter: 0) == .retry(afterSeconds: 2))
        #expect(DeliveryPolicy.outcome(status: 503, attempts: 2, jitter: 0) == .retry(afterSeconds: 4))
        #expect(DeliveryPolicy.outcome(status: nil, attempts: 3, jitter: 0) == .retry(afterSeconds: 8))
    }

    @Test func backoffDoublesUpToFiveMinutesWithinTheJitter() {
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 8, jitter: 0) == .retry(afterSeconds: 256))
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 9, jitter: 0) == .retry(afterSeconds: 300))
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 1000, jitter: 0) == .retry(afterSeconds: 300))
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 2, jitter: 1) == .retry(afterSeconds: 4.8))
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 2, jitter: -1) == .retry(afterSeconds: 3.2))
        #expect(DeliveryPolicy.outcome(status: 500, attempts: 2, jitter: 7) == .retry(afterSeconds: 4.8), "jitter is clamped")
    }
}
