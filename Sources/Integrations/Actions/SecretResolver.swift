import Foundation
import Monitoring
import Synchronization

/// Reads secrets from their sources (``SecretSource``) when an action runs, and remembers each
/// value it handed out so ``Redactor`` can blank it from everything recorded or logged.
public final class SecretResolver: Sendable {
    private let environment: [String: String]
    private let handedOut = Mutex<Set<String>>([])

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The secret, without a trailing newline when read from a file.
    /// - Throws: an ``ActionFailure`` naming the source (never the value) when it is unset, empty
    ///   or unreadable.
    public func value(of source: SecretSource, for setting: String) throws(ActionFailure) -> String {
        let value: String
        switch source {
        case .environment(let name):
            guard let text = environment[name], !text.isEmpty else {
                throw ActionFailure("\(setting): the \(source) is not set")
            }
            value = text
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ActionFailure("\(setting): the \(source) cannot be read")
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else { throw ActionFailure("\(setting): the \(source) is empty") }
            value = text
        }
        handedOut.withLock { _ = $0.insert(value) }
        return value
    }

    /// The optional secret: nil when an environment variable is unset.
    public func optionalValue(of source: SecretSource, for setting: String) throws(ActionFailure) -> String? {
        if case .environment(let name) = source, environment[name]?.isEmpty ?? true { return nil }
        return try value(of: source, for: setting)
    }

    /// A redactor for every secret handed out so far.
    public var redactor: Redactor {
        Redactor(secrets: handedOut.withLock { $0 })
    }
}
