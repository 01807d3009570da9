/// Why a window configuration, an event time or a restored window state was refused.
///
/// Every case carries the offending value so the caller can name it in an error message (the
/// ingest layer adds the line and field with ``InputLocation``).
public enum WindowingError: Error, Sendable, Equatable {
    /// A duration window's length was zero, negative, NaN or infinite.
    case invalidWindowLength(Double)
    /// The allowed lateness was negative, NaN or infinite.
    case invalidAllowedLateness(Double)
    /// A row-count window's size was zero or negative.
    case invalidRowCount(Int)
    /// An event time (or a watermark target) was NaN or ±infinity.
    case nonFiniteEventTime(Double)
    /// An event time so far from the epoch, relative to the window length, that window indices
    /// could no longer be told apart in double precision (|time / length| > 2⁵⁰).
    case eventTimeOutOfRange(Double)
}
