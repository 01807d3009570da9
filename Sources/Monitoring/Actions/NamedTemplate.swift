/// A named template of an action's settings: a header, a pipeline parameter, a workflow input,
/// an environment variable.
public struct NamedTemplate: Sendable, Equatable {
    public var name: String
    public var template: AlertTemplate

    public init(name: String, template: AlertTemplate) {
        self.name = name
        self.template = template
    }
}
