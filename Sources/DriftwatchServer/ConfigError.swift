/// A configuration problem that stops `driftwatch serve` from starting (exit 2): an unreadable
/// or invalid config or token file, a value that does not parse, or a refused binding.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole message, naming the file, line and key (or flag or variable) to fix.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    /// An error at `line` of `file`, about `key` when there is one.
    static func at(_ file: String, line: Int?, key: String? = nil, _ reason: String) -> ConfigError {
        let place = line.map { "\(file):\($0)" } ?? file
        return ConfigError("\(place): \(key.map { "\($0): " } ?? "")\(reason)")
    }

    public var description: String { message }
}
