import Foundation
import Logging
import Monitoring

/// Sends one action run's requests under the action's policy and records each attempt:
/// a network error, a timeout or a retryable status (``ActionPolicy/isRetryable(status:)``) is
/// tried again after the backoff, up to `retries` more times; any other non-2xx answer fails the
/// step at once. In a dry run, reads are sent (so the request that would follow is exact) and
/// changes are only logged and recorded as `not_sent`.
public final class ActionSession: Sendable {
    public let definition: ActionDefinition
    public let run: ActionRun
    public let secrets: SecretResolver
    private let transport: any HTTPTransport
    private let record: @Sendable (ActionAttempt) async -> Void
    private let now: @Sendable () -> Double
    private let logger: Logger

    public init(
        definition: ActionDefinition, run: ActionRun, transport: any HTTPTransport, secrets: SecretResolver, logger: Logger,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        record: @escaping @Sendable (ActionAttempt) async -> Void
    ) {
        self.definition = definition
        self.run = run
        self.transport = transport
        self.secrets = secrets
        self.logger = logger
        self.now = now
        self.record = record
    }

    public var isDryRun: Bool { run.dryRun }

    /// Signs a request just before each attempt (SigV4 signs the time of sending).
    public typealias Signing = @Sendable (HTTPExchange.Request) -> HTTPExchange.Request

    /// Sends a request that changes nothing (also in a dry run) and answers its 2xx response.
    public func read(_ step: String, _ request: HTTPExchange.Request, signing: Signing? = nil) async throws(ActionFailure)
        -> HTTPExchange.Response
    {
        try await send(step, request, signing: signing)
    }

    /// Sends a request that changes something and answers its 2xx response; in a dry run, logs
    /// and records it and answers nil.
    public func change(_ step: String, _ request: HTTPExchange.Request, signing: Signing? = nil) async throws(ActionFailure)
        -> HTTPExchange.Response?
    {
        guard !isDryRun else {
            let summary = secrets.redactor.summary(of: signing?(request) ?? request)
            logger.notice("dry run: request not sent", metadata: ["action": "\(run.action)", "step": "\(step)", "request": "\(summary)"])
            await record(ActionAttempt(
                step: step, startedAt: now(), seconds: 0, outcome: .notSent, request: summary, response: "not sent (dry run)"))
            return nil
        }
        return try await send(step, request, signing: signing)
    }

    /// Records an attempt made outside HTTP (a command).
    public func recordAttempt(_ attempt: ActionAttempt) async {
        await record(attempt)
    }

    public func log(_ message: Logger.Message, _ metadata: Logger.Metadata = [:]) {
        var metadata = metadata
        metadata["action"] = "\(run.action)"
        metadata["run"] = "\(run.id)"
        logger.info(message, metadata: metadata)
    }

    private func send(_ step: String, _ unsigned: HTTPExchange.Request, signing: Signing?) async throws(ActionFailure)
        -> HTTPExchange.Response
    {
        var attempt = 0
        while true {
            attempt += 1
            let request = signing?(unsigned) ?? unsigned
            let redactor = secrets.redactor
            let started = now()
            let clock = ContinuousClock.now
            var status: Int?
            var outcome: ActionAttempt.Outcome
            var answer: String
            var response: HTTPExchange.Response?
            do {
                let received = try await transport.send(request, timeout: .milliseconds(Int64(definition.timeout * 1000)))
                response = received
                status = received.status
                outcome = (200..<300).contains(received.status) ? .ok : .refused
                answer = redactor.summary(of: received)
            } catch {
                let text = "\(error)"
                outcome = text.localizedCaseInsensitiveContains("deadline") || text.localizedCaseInsensitiveContains("timeout")
                    ? .timeout : .networkError
                answer = redactor.redact(outcome == .timeout ? "no answer within \(definition.timeout) s" : text)
            }
            let summary = redactor.summary(of: request)
            logger.debug(
                "action request sent",
                metadata: [
                    "action": "\(run.action)", "run": "\(run.id)", "step": "\(step)", "request": "\(summary)",
                    "outcome": "\(outcome.rawValue)",
                ])
            await record(ActionAttempt(
                step: step, startedAt: started, seconds: (ContinuousClock.now - clock).fractionalSeconds, outcome: outcome, status: status,
                request: summary, response: answer))
            if outcome == .ok, let response { return response }
            let firstLine = answer.split(separator: "\n").dropFirst().first.map(String.init) ?? answer
            guard ActionPolicy.isRetryable(status: status), attempt <= definition.retries else {
                let what = status.map { "HTTP \($0)" } ?? answer
                let detail = status == nil ? "" : (firstLine.isEmpty ? "" : ": \(firstLine.prefix(300))")
                throw ActionFailure("\(step) failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(what)\(detail)")
            }
            let delay = ActionPolicy.backoff(afterAttempt: attempt, base: definition.retryBackoff)
            logger.warning(
                "action request failed; retrying",
                metadata: ["action": "\(run.action)", "step": "\(step)", "error": "\(status.map { "HTTP \($0)" } ?? answer)", "in_seconds": "\(delay)"])
            do {
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            } catch {
                throw ActionFailure("\(step): stopped while waiting to retry (shutdown)")
            }
        }
    }
}
