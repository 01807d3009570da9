import Monitoring

/// Why an action run failed, in words a user can act on; secrets are already redacted.
public struct ActionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// What the run had found or changed before it failed, if anything.
    public var target: ActionTarget?

    public init(_ message: String, target: ActionTarget? = nil) {
        self.message = message
        self.target = target
    }

    public var description: String { message }
}
