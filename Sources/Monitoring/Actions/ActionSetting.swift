/// A value of an action's `with:` settings as written in YAML: text, a list or a mapping. Adapters
/// read their typed settings from it (``ActionConfiguration``), so argv lists, header maps and
/// pipeline parameters keep their shape.
public indirect enum ActionSetting: Sendable, Equatable {
    case text(String)
    case list([ActionSetting])
    case mapping([String: ActionSetting])

    /// What a setting is, for error messages.
    public var kind: String {
        switch self {
        case .text(let text): "'\(text)'"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}
