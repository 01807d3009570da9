/// Every detector file of a directory, checked together: what `driftwatch serve --detectors DIR`
/// runs and `driftwatch validate` checks. Action names are unique across the set, and every rule
/// names only defined actions.
public struct DetectorSet: Sendable, Equatable {
    public let files: [DetectorFile]

    public init(files: [DetectorFile]) {
        self.files = files
    }

    public var rules: [AlertRule] { files.flatMap(\.rules) }
    public var actions: [ActionDefinition] { files.flatMap(\.actions) }

    /// The files that apply to `model`, in file order.
    public func files(for model: String) -> [DetectorFile] {
        files.filter { $0.models.matches(model) }
    }
}
