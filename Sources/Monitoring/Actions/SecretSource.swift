/// Where a secret (a token, a password, an AWS key) comes from: an environment variable of the
/// driftwatch process or a file (its content without the trailing newline). Detector files name
/// the source, never the secret itself, so the secret stays out of the repository, the logs, the
/// audit log and `/metrics`. Written `{env: NAME}` or `{file: PATH}`.
public enum SecretSource: Sendable, Equatable, Codable, CustomStringConvertible {
    case environment(String)
    case file(String)

    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        }
    }
}
