/// Ground truth for an earlier prediction, joined to it by `id`:
/// `{"id":"req-000123","label":1,"timestamp":"2026-11-21T11:00:00Z"}`.
public struct LabelEvent: Sendable, Equatable {
    public var id: String
    /// Normalized by the schema's label type: `binary` → `.bool` (from `true`/`false` or 0/1),
    /// `class` → `.string` (integer class ids kept as their literal text), `numeric` → `.number`.
    public var label: LabelValue
    /// Seconds since the epoch; nil means the time of receipt.
    public var timestamp: Double?

    public init(id: String, label: LabelValue, timestamp: Double? = nil) {
        self.id = id
        self.label = label
        self.timestamp = timestamp
    }
}

/// A label's value.
public enum LabelValue: Sendable, Equatable, Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
}
