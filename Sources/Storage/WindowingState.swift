import Monitoring

/// A model's windowing state machine as persisted, so a restart resumes the same open windows:
/// event-time windows for a `duration` window spec, row-count windows for `{rows: N}`.
public enum WindowingState: Sendable, Equatable, Codable {
    case eventTime(TumblingEventTimeWindows)
    case rowCount(RowCountWindows)
}
