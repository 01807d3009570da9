/// One request an action run made (or, in a dry run, would have made): an HTTP call or a command.
/// The request and response are summaries with every secret replaced by `[redacted]`, so the
/// audit log can be shown to anyone who may read it.
public struct ActionAttempt: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// 2xx answer, or exit code 0.
        case ok
        /// The other side answered with an error status (or a non-zero exit code).
        case refused
        /// No answer: connection refused or reset, DNS, TLS.
        case networkError = "network_error"
        /// No answer within the per-attempt timeout.
        case timeout
        /// A dry run: the request was built and logged, not sent.
        case notSent = "not_sent"
    }

    /// What the request was for, e.g. `set alias`, `UpdateModelPackage`, `dvc repro`.
    public var step: String
    public var startedAt: Double
    public var seconds: Double
    public var outcome: Outcome
    /// The HTTP status, or the command's exit code.
    public var status: Int?
    public var request: String
    public var response: String

    public init(
        step: String, startedAt: Double, seconds: Double, outcome: Outcome, status: Int? = nil, request: String,
        response: String
    ) {
        self.step = step
        self.startedAt = startedAt
        self.seconds = seconds
        self.outcome = outcome
        self.status = status
        self.request = request
        self.response = response
    }
}
