/// When a model's open-window state (profiles, windowing, `appliedThrough`) is written to the
/// store. Saving re-encodes every open profile (with its reservoirs, ~100 KB per numeric field
/// when full), so saving after every batch would bound ingest by JSON encoding; the pipeline saves
/// at most every ``interval`` seconds or ``maxUnsavedEvents`` events instead, and always when a
/// window closes, when the active baseline changes and on graceful shutdown. Between saves the
/// events are committed in the store, and a restart replays those after the saved
/// `appliedThrough` (see ``ModelPipeline``), so nothing acknowledged is lost by saving less often:
/// only the replay at start grows, by at most ``maxUnsavedEvents`` events.
public struct WindowStateSaving: Sendable, Equatable {
    /// Longest time in seconds between saves while events arrive (checked at each batch).
    public var interval: Double
    /// Most profiled events left unsaved: the longest replay a restart after a crash can need.
    public var maxUnsavedEvents: Int

    public init(interval: Double, maxUnsavedEvents: Int) {
        self.interval = interval
        self.maxUnsavedEvents = maxUnsavedEvents
    }

    /// At most every second or 100 000 events.
    public static let `default` = WindowStateSaving(interval: 1, maxUnsavedEvents: 100_000)
    /// After every batch that inserted events: the simple policy, for comparisons.
    public static let everyBatch = WindowStateSaving(interval: 0, maxUnsavedEvents: 0)
    /// Only when a window closes, the baseline changes or the server stops: what a test uses to
    /// leave many batches unsaved on purpose.
    public static let onCloseOnly = WindowStateSaving(interval: .infinity, maxUnsavedEvents: .max)
}
