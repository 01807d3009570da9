/// A `with:` setting an adapter cannot use: where it is (`with.argv[1]`) and what is wrong.
public struct ActionSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's path under the action, e.g. `with.headers.Authorization`.
    public let path: String
    public let problem: String

    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
